{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='append_new_columns'
    )
}}
{#- Incremental (append): a run adds the rows of the loads after the latest one held
    whose click_id is not held yet. A load lands at once, so every row stamped up to the
    latest _loaded_at held was read already; rows never change once loaded (an event log),
    so this equals a full refresh. -#}

{%- set lookback_start = incremental_lookback_start('loaded_at', lookback_days=0) %}

with

source as (

    select * from {{ source('email', 'clicks') }}
    {%- if lookback_start is not none %}
    where _loaded_at > {{ lookback_start }}
    {%- endif %}

),

validated as (

    select
        source.*,
        {{ rejection_reason('email', 'email') }} as email_rejection
    from source

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as click_id,
        cast(nullif(trim(campaign_id), '') as {{ dbt.type_string() }}) as campaign_id,

        ---------- strings
        -- the recipient's address as the email platform keeps it: malformed and
        -- placeholder addresses become null, as in every staging model
        case when email_rejection is null then {{ normalize_email('email') }} end as email,
        nullif(trim(url), '') as url,

        ---------- booleans
        coalesce(email_rejection = 'malformed_email', false) as has_invalid_email,
        coalesce(email_rejection = 'placeholder_email', false) as is_placeholder_email,

        ---------- timestamps
        cast(clicked_at as timestamp) as clicked_at,
        cast(_loaded_at as timestamp) as loaded_at

    from validated

),

final as (

    select * from renamed
    {%- if is_incremental() %}
    where
        not exists (
            select 1 from {{ this }} as held
            where held.click_id = renamed.click_id
        )
    {%- endif %}

)

select * from final
