{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='append_new_columns'
    )
}}
{#- Incremental (append): a run adds the rows of the loads after the latest one held
    whose transaction_id is not held yet. A load lands at once, so every row stamped up to the
    latest _loaded_at held was read already; rows never change once loaded (an event log),
    so this equals a full refresh. -#}

{%- set lookback_start = incremental_lookback_start('loaded_at', lookback_days=0) %}

with

source as (

    select * from {{ source('pos', 'transactions') }}
    {%- if lookback_start is not none %}
    where _loaded_at > {{ lookback_start }}
    {%- endif %}

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as transaction_id,
        cast(nullif(trim(store_id), '') as {{ dbt.type_string() }}) as store_id,
        {{ normalize_card_number('card_number') }} as loyalty_card_number,

        ---------- strings
        upper(nullif(trim(currency), '')) as currency,
        lower(nullif(trim(payment_method), '')) as payment_method,

        ---------- numerics
        cast(total_amount as decimal(12, 2)) as total_amount,
        cast(item_count as integer) as item_count,
        cast(points_earned as integer) as points_earned,

        ---------- timestamps
        cast(transacted_at as timestamp) as transacted_at,
        cast(_loaded_at as timestamp) as loaded_at

    from source

),

final as (

    select * from renamed
    {%- if is_incremental() %}
    where
        not exists (
            select 1 from {{ this }} as held
            where held.transaction_id = renamed.transaction_id
        )
    {%- endif %}

)

select * from final
