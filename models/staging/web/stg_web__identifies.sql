{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='identify_id',
        on_schema_change='append_new_columns',
        post_hook=["{{ delete_records_gone_from(source('web', 'identifies'), 'identify_id') }}"]
    )
}}
{#- Incremental as stg_web__pages: a run reads the messages received since the latest one
    held, minus var cdp_incremental_lookback_days, and keeps the first copy of each message
    id as a full refresh would (delete+insert on identify_id); the post-hook deletes messages
    no longer in the raw table. -#}

{%- set lookback_start = incremental_lookback_start('received_at') %}

with

source as (

    select * from {{ source('web', 'identifies') }}
    {%- if lookback_start is not none %}
    where received_at > {{ lookback_start }}
    {%- endif %}

),

deduplicated as (

    -- loaders deliver a message at least once: keep the first copy of each message id
    {{ deduplicate('source', partition_by='id', order_by='received_at, sent_at') }}

),

validated as (

    select
        deduplicated.*,
        {{ rejection_reason('email', 'email') }} as email_rejection,
        {{ rejection_reason('phone', 'phone') }} as phone_rejection
    from deduplicated

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as identify_id,
        cast(nullif(trim(anonymous_id), '') as {{ dbt.type_string() }}) as anonymous_id,
        cast(nullif(trim(user_id), '') as {{ dbt.type_string() }}) as user_id,
        cast(nullif(trim(context_device_id), '') as {{ dbt.type_string() }}) as device_id,

        ---------- strings
        case when email_rejection is null then {{ normalize_email('email') }} end as email,
        case when phone_rejection is null then {{ normalize_phone('phone') }} end as phone,
        {{ clean_display_name('first_name') }} as first_name,
        {{ clean_display_name('last_name') }} as last_name,
        lower(nullif(trim(context_device_type), '')) as device_type,
        nullif(trim(context_ip), '') as ip_address,
        nullif(trim(context_user_agent), '') as user_agent,

        ---------- booleans
        coalesce(email_rejection = 'malformed_email', false) as has_invalid_email,
        coalesce(email_rejection = 'placeholder_email', false) as is_placeholder_email,
        coalesce(phone_rejection = 'invalid_phone', false) as has_invalid_phone,
        coalesce(phone_rejection = 'placeholder_phone', false) as is_placeholder_phone,

        ---------- timestamps
        cast({{ adapter.quote("timestamp") }} as timestamp) as identified_at,  -- noqa: RF06
        cast(sent_at as timestamp) as sent_at,
        cast(received_at as timestamp) as received_at

    from validated

),

final as (

    select * from renamed
    {%- if is_incremental() %}
    where {{ no_earlier_copy_held('identify_id') }}
    {%- endif %}

)

select * from final
