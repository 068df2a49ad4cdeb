with

source as (

    select * from {{ source('payments', 'charges') }}

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
            when {{ rejection_reason('billing_details_email', 'email') }} is null
                then {{ normalize_email('billing_details_email') }}
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

        ---------- timestamps
        cast(created as timestamp) as created_at

    from source

)

select * from renamed
