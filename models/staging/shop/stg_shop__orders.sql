{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='order_id',
        on_schema_change='append_new_columns',
        post_hook=["{{ delete_records_gone_from(source('shop', 'orders'), 'order_id') }}"]
    )
}}
{#- Incremental by record (delete+insert on order_id): a run restages, from all their raw
    rows, the records with a row loaded since the latest load held (macro
    changed_record_rows); the post-hook deletes records no longer in the raw table. -#}

with

source as (

    {{ changed_record_rows(source('shop', 'orders'), 'id', '_fivetran_synced') }}

),

validated as (

    select
        source.*,
        -- the order's phone, else the one typed on the billing address
        coalesce(nullif(trim(source.phone), ''), source.billing_address_phone) as typed_phone,
        {{ rejection_reason('email', 'email') }} as email_rejection,
        {{ rejection_reason(
            "coalesce(nullif(trim(phone), ''), billing_address_phone)", 'phone',
            {'country_expression': 'billing_address_country_code'}
        ) }} as phone_rejection
    from source

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as order_id,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,

        ---------- strings
        nullif(trim(name), '') as order_number,
        case when email_rejection is null then {{ normalize_email('email') }} end as email,
        case
            when phone_rejection is null
                then {{ normalize_phone(
                    'typed_phone', country_expression='billing_address_country_code'
                ) }}
        end as phone,
        {{ clean_display_name('billing_address_first_name') }} as billing_first_name,
        {{ clean_display_name('billing_address_last_name') }} as billing_last_name,
        {{ clean_display_name('billing_address_address1') }} as billing_address_line1,
        {{ clean_display_name('billing_address_city') }} as billing_city,
        {{ normalize_postcode('billing_address_zip') }} as billing_postcode,
        {{ normalize_country('billing_address_country_code') }} as billing_country_code,
        upper(nullif(trim(currency), '')) as currency,
        lower(nullif(trim(financial_status), '')) as financial_status,
        lower(nullif(trim(fulfillment_status), '')) as fulfillment_status,
        lower(nullif(trim(source_name), '')) as sales_channel,

        ---------- numerics
        cast(subtotal_price as decimal(12, 2)) as subtotal_amount,
        cast(coalesce(total_discounts, 0) as decimal(12, 2)) as discount_amount,
        cast(coalesce(total_tax, 0) as decimal(12, 2)) as tax_amount,
        cast(coalesce(total_shipping, 0) as decimal(12, 2)) as shipping_amount,
        cast(total_price as decimal(12, 2)) as total_amount,

        ---------- booleans
        cancelled_at is not null as is_cancelled,
        coalesce(email_rejection = 'malformed_email', false) as has_invalid_email,
        coalesce(email_rejection = 'placeholder_email', false) as is_placeholder_email,
        coalesce(phone_rejection = 'invalid_phone', false) as has_invalid_phone,
        coalesce(phone_rejection = 'placeholder_phone', false) as is_placeholder_phone,

        ---------- timestamps
        cast(created_at as timestamp) as ordered_at,
        cast(processed_at as timestamp) as processed_at,
        cast(cancelled_at as timestamp) as cancelled_at,
        cast(updated_at as timestamp) as updated_at,
        cast(_fivetran_synced as timestamp) as loaded_at

    from validated

)

select * from renamed
