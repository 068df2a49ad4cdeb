{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='page_view_id',
        on_schema_change='append_new_columns'
    )
}}
{#- Incremental: a run reads the messages received since the latest one held, minus var
    cdp_incremental_lookback_days (loads that land late), and keeps the first copy of each
    message id as a full refresh would: a copy already held wins unless the new one was
    received earlier, which then replaces it (delete+insert on page_view_id). -#}

{%- set lookback_start = incremental_lookback_start('received_at') %}

with

source as (

    select * from {{ source('web', 'pages') }}
    {%- if lookback_start is not none %}
    where received_at > {{ lookback_start }}
    {%- endif %}

),

deduplicated as (

    -- loaders deliver a message at least once: keep the first copy of each message id
    {{ deduplicate('source', partition_by='id', order_by='received_at, sent_at') }}

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as page_view_id,
        cast(nullif(trim(anonymous_id), '') as {{ dbt.type_string() }}) as anonymous_id,
        cast(nullif(trim(user_id), '') as {{ dbt.type_string() }}) as user_id,
        cast(nullif(trim(context_device_id), '') as {{ dbt.type_string() }}) as device_id,

        ---------- strings
        nullif(trim(path), '') as page_path,
        nullif(trim(url), '') as page_url,
        nullif(trim(title), '') as page_title,
        nullif(trim(referrer), '') as referrer,
        lower(nullif(trim(context_campaign_source), '')) as utm_source,
        lower(nullif(trim(context_campaign_medium), '')) as utm_medium,
        lower(nullif(trim(context_campaign_name), '')) as utm_campaign,
        lower(nullif(trim(context_device_type), '')) as device_type,

        ---------- timestamps
        cast({{ adapter.quote("timestamp") }} as timestamp) as viewed_at,  -- noqa: RF06
        cast(sent_at as timestamp) as sent_at,
        cast(received_at as timestamp) as received_at

    from deduplicated

),

final as (

    select * from renamed
    {%- if is_incremental() %}
    where {{ no_earlier_copy_held('page_view_id') }}
    {%- endif %}

)

select * from final
