{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='customer_id',
        on_schema_change='append_new_columns',
        post_hook=["{{ delete_records_gone_from(source('shop', 'customers'), 'customer_id') }}"]
    )
}}
{#- Incremental by record (delete+insert on customer_id): a run restages, from all their raw
    rows, the records with a row loaded since the latest load held (macro
    changed_record_rows); the post-hook deletes records no longer in the raw table. -#}

with

source as (

    {{ changed_record_rows(source('shop', 'customers'), 'id', '_fivetran_synced') }}

),

validated as (

    select
        source.*,
        {{ rejection_reason('email', 'email') }} as email_rejection,
        {{ rejection_reason(
            'phone', 'phone', {'country_expression': 'default_address_country_code'}
        ) }} as phone_rejection
    from source

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as customer_id,

        ---------- strings
        case when email_rejection is null then {{ normalize_email('email') }} end as email,
        case
            when phone_rejection is null
                then {{ normalize_phone(
                    'phone', country_expression='default_address_country_code'
                ) }}
        end as phone,
        {{ clean_display_name('first_name') }} as first_name,
        {{ clean_display_name('last_name') }} as last_name,
        {{ clean_display_name('default_address_address1') }} as address_line1,
        {{ clean_display_name('default_address_city') }} as city,
        {{ normalize_postcode('default_address_zip') }} as postcode,
        {{ normalize_country('default_address_country_code') }} as country_code,
        lower(nullif(trim(state), '')) as account_state,
        lower(nullif(trim(email_marketing_consent_state), '')) as email_marketing_consent_state,
        lower(nullif(trim(sms_marketing_consent_state), '')) as sms_marketing_consent_state,

        ---------- booleans
        -- merchants mark internal accounts with the tag "test"
        coalesce(
            ',' || replace(lower(tags), ' ', '') || ',' like '%,test,%', false
        ) as is_test_account,
        coalesce(verified_email, false) as is_email_verified,
        coalesce(_fivetran_deleted, false) as is_deleted,
        coalesce(email_rejection = 'malformed_email', false) as has_invalid_email,
        coalesce(email_rejection = 'placeholder_email', false) as is_placeholder_email,
        coalesce(phone_rejection = 'invalid_phone', false) as has_invalid_phone,
        coalesce(phone_rejection = 'placeholder_phone', false) as is_placeholder_phone,

        ---------- timestamps
        cast(email_marketing_consent_updated_at as timestamp) as email_marketing_consent_updated_at,
        cast(sms_marketing_consent_updated_at as timestamp) as sms_marketing_consent_updated_at,
        cast(created_at as timestamp) as created_at,
        cast(updated_at as timestamp) as updated_at,
        cast(_fivetran_synced as timestamp) as loaded_at

    from validated

)

select * from renamed
