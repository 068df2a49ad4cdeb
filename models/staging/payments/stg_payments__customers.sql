{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='payments_customer_id',
        on_schema_change='append_new_columns',
        post_hook=["{{ delete_records_gone_from(source('payments', 'customers'), 'payments_customer_id') }}"]
    )
}}
{#- Incremental by record (delete+insert on payments_customer_id): a run restages, from all their raw
    rows, the records with a row loaded since the latest load held (macro
    changed_record_rows); the post-hook deletes records no longer in the raw table. -#}

with

source as (

    {{ changed_record_rows(source('payments', 'customers'), 'id', '_fivetran_synced') }}

),

validated as (

    select
        source.*,
        {{ normalize_country('address_country') }} as country_code,
        {{ rejection_reason('email', 'email') }} as email_rejection,
        {{ rejection_reason(
            'phone', 'phone', {'country_expression': normalize_country('address_country')}
        ) }} as phone_rejection
    from source

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as payments_customer_id,
        cast(nullif(trim(metadata_shop_customer_id), '') as {{ dbt.type_string() }}) as shop_customer_id,

        ---------- strings
        case when email_rejection is null then {{ normalize_email('email') }} end as email,
        case
            when phone_rejection is null
                then {{ normalize_phone('phone', country_expression='country_code') }}
        end as phone,
        {{ clean_display_name('name') }} as full_name,
        {{ name_from_full_name('name', 'first') }} as first_name,
        {{ name_from_full_name('name', 'last') }} as last_name,
        {{ clean_display_name('address_line1') }} as address_line1,
        {{ clean_display_name('address_city') }} as city,
        {{ normalize_postcode('address_postal_code') }} as postcode,
        country_code,

        ---------- booleans
        coalesce(is_deleted, false) as is_deleted,
        coalesce(email_rejection = 'malformed_email', false) as has_invalid_email,
        coalesce(email_rejection = 'placeholder_email', false) as is_placeholder_email,
        coalesce(phone_rejection = 'invalid_phone', false) as has_invalid_phone,
        coalesce(phone_rejection = 'placeholder_phone', false) as is_placeholder_phone,

        ---------- timestamps
        cast(created as timestamp) as created_at,
        cast(_fivetran_synced as timestamp) as loaded_at

    from validated

)

select * from renamed
