{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='event_id',
        on_schema_change='append_new_columns'
    )
}}
{#- Incremental: a run reads the messages received since the latest one held, minus var
    cdp_incremental_lookback_days (loads that land late), and keeps the first copy of each
    message id as a full refresh would: a copy already held wins unless the new one was
    received earlier, which then replaces it (delete+insert on event_id). -#}

{%- set lookback_start = incremental_lookback_start('received_at') %}

with

source as (

    select * from {{ source('web', 'tracks') }}
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
        cast(id as {{ dbt.type_string() }}) as event_id,
        cast(nullif(trim(anonymous_id), '') as {{ dbt.type_string() }}) as anonymous_id,
        cast(nullif(trim(user_id), '') as {{ dbt.type_string() }}) as user_id,
        cast(nullif(trim(context_device_id), '') as {{ dbt.type_string() }}) as device_id,
        cast(nullif(trim(product_id), '') as {{ dbt.type_string() }}) as product_id,
        cast(nullif(trim(cart_id), '') as {{ dbt.type_string() }}) as cart_id,
        cast(nullif(trim(order_id), '') as {{ dbt.type_string() }}) as order_id,

        ---------- strings
        lower(trim(event)) as event_name,
        upper(nullif(trim(currency), '')) as currency,
        lower(nullif(trim(context_device_type), '')) as device_type,

        ---------- numerics
        cast(quantity as integer) as quantity,
        cast(price as decimal(12, 2)) as unit_price,
        cast(revenue as decimal(12, 2)) as revenue,

        ---------- timestamps
        cast({{ adapter.quote("timestamp") }} as timestamp) as occurred_at,  -- noqa: RF06
        cast(sent_at as timestamp) as sent_at,
        cast(received_at as timestamp) as received_at

    from deduplicated

),

final as (

    select * from renamed
    {%- if is_incremental() %}
    where {{ no_earlier_copy_held('event_id') }}
    {%- endif %}

)

select * from final
