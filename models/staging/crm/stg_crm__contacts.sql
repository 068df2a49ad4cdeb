{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='contact_id',
        on_schema_change='append_new_columns',
        post_hook=["{{ delete_records_gone_from(source('crm', 'contacts'), 'contact_id') }}"]
    )
}}
{#- Incremental by record (delete+insert on contact_id): a run restages, from all their raw
    rows, the records with a row loaded since the latest load held (macro
    changed_record_rows); the post-hook deletes records no longer in the raw table. -#}

with

source as (

    {{ changed_record_rows(source('crm', 'contacts'), 'id', '_loaded_at') }}

),

validated as (

    select
        source.*,
        -- the country is typed as a name or code; phones typed without a country code are
        -- read in the contact's country
        {{ normalize_country('country') }} as country_code,
        {{ rejection_reason('email', 'email') }} as email_rejection,
        {{ rejection_reason(
            'phone', 'phone', {'country_expression': normalize_country('country')}
        ) }} as phone_rejection,
        {{ rejection_reason(
            'mobile_phone', 'phone', {'country_expression': normalize_country('country')}
        ) }} as mobile_phone_rejection,
        -- typed by staff in US offices: 03/07/1984 is March 7 (dotted dates are day first)
        {{ rejection_reason('date_of_birth', 'date', {'slash_order': 'mdy'}) }}
            as birth_date_rejection
    from source

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as contact_id,
        cast(nullif(trim(shop_customer_id), '') as {{ dbt.type_string() }}) as shop_customer_id,

        ---------- strings
        case when email_rejection is null then {{ normalize_email('email') }} end as email,
        case
            when phone_rejection is null
                then {{ normalize_phone('phone', country_expression='country_code') }}
        end as phone,
        case
            when mobile_phone_rejection is null
                then {{ normalize_phone('mobile_phone', country_expression='country_code') }}
        end as mobile_phone,
        {{ clean_display_name('first_name') }} as first_name,
        {{ clean_display_name('last_name') }} as last_name,
        {{ clean_display_name('street_address') }} as address_line1,
        {{ clean_display_name('city') }} as city,
        {{ normalize_postcode('postal_code') }} as postcode,
        country_code,
        {{ clean_display_name('company') }} as company_name,
        {{ clean_display_name('job_title') }} as job_title,
        lower(nullif(trim(lifecycle_stage), '')) as lifecycle_stage,
        lower(nullif(trim(lead_source), '')) as lead_source,

        ---------- booleans
        coalesce(email_opt_out, false) as is_email_opted_out,
        coalesce(sms_opt_in, false) as is_sms_opted_in,
        coalesce(is_deleted, false) as is_deleted,
        coalesce(email_rejection = 'malformed_email', false) as has_invalid_email,
        coalesce(email_rejection = 'placeholder_email', false) as is_placeholder_email,
        coalesce(phone_rejection = 'invalid_phone', false) as has_invalid_phone,
        coalesce(phone_rejection = 'placeholder_phone', false) as is_placeholder_phone,
        coalesce(mobile_phone_rejection = 'invalid_phone', false) as has_invalid_mobile_phone,
        coalesce(mobile_phone_rejection = 'placeholder_phone', false)
            as is_placeholder_mobile_phone,
        coalesce(birth_date_rejection in ('unparseable_date', 'impossible_date'), false)
            as has_invalid_birth_date,
        coalesce(birth_date_rejection = 'placeholder_date', false) as is_placeholder_birth_date,

        ---------- dates
        case
            when birth_date_rejection is null
                then {{ parse_date('date_of_birth', slash_order='mdy') }}
        end as birth_date,

        ---------- timestamps
        cast(email_opt_out_at as timestamp) as email_opted_out_at,
        cast(created_at as timestamp) as created_at,
        cast(updated_at as timestamp) as updated_at,
        cast(_loaded_at as timestamp) as loaded_at

    from validated

)

select * from renamed
