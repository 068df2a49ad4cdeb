{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='charge_id',
        on_schema_change='append_new_columns',
        post_hook=["{{ delete_records_gone_from(source('payments', 'charges'), 'charge_id') }}"]
    )
}}
{#- Incremental by record (delete+insert on charge_id): a run restages, from all their raw
    rows, the records with a row loaded since the latest load held (macro
    changed_record_rows); the post-hook deletes records no longer in the raw table. -#}

with

source as (

    {{ changed_record_rows(source('payments', 'charges'), 'id', '_fivetran_synced') }}

),

validated as (

    select
        source.*,
        {{ rejection_reason('billing_details_email', 'email') }} as billing_email_rejection
    from source

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as charge_id,
        cast(nullif(trim(customer_id), '') as {{ dbt.type_string() }}) as payments_customer_id,
        cast(nullif(trim(metadata_order_id), '') as {{ dbt.type_string() }}) as order_id,
        nullif(trim(card_fingerprint), '') as card_fingerprint,

        ---------- strings
        nullif(trim(card_last4), '') as card_last4,
        lower(nullif(trim(card_brand), '')) as card_brand,
        case
            when billing_email_rejection is null then {{ normalize_email('billing_details_email') }}
        end as billing_email,
        upper(nullif(trim(currency), '')) as currency,
        lower(nullif(trim(status), '')) as status,
        lower(nullif(trim(failure_code), '')) as failure_code,

        ---------- numerics
        {{ from_minor_units('amount', 'currency') }} as amount,
        {{ from_minor_units('coalesce(amount_refunded, 0)', 'currency') }} as amount_refunded,

        ---------- booleans
        coalesce(paid, false) as is_paid,
        coalesce(captured, false) as is_captured,
        coalesce(billing_email_rejection = 'malformed_email', false)
            as has_invalid_billing_email,
        coalesce(billing_email_rejection = 'placeholder_email', false)
            as is_placeholder_billing_email,

        ---------- timestamps
        cast(created as timestamp) as created_at,
        cast(_fivetran_synced as timestamp) as loaded_at

    from validated

)

select * from renamed
