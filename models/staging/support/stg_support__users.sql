{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='support_user_id',
        on_schema_change='append_new_columns',
        post_hook=["{{ delete_records_gone_from(source('support', 'users'), 'support_user_id') }}"]
    )
}}
{#- Incremental by record (delete+insert on support_user_id): a run restages, from all their raw
    rows, the records with a row loaded since the latest load held (macro
    changed_record_rows); the post-hook deletes records no longer in the raw table. -#}

with

source as (

    {{ changed_record_rows(source('support', 'users'), 'id', '_fivetran_synced') }}

),

validated as (

    select
        source.*,
        -- the help desk keeps no country: the user's locale names it (en-GB -> GB), and
        -- reads phones typed without a country code
        {{ locale_country_code('locale') }} as locale_country_code,
        {{ rejection_reason('email', 'email') }} as email_rejection,
        {{ rejection_reason(
            'phone', 'phone', {'country_expression': locale_country_code('locale')}
        ) }} as phone_rejection
    from source

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as support_user_id,
        cast(nullif(trim(external_id), '') as {{ dbt.type_string() }}) as shop_customer_id,

        ---------- strings
        case when email_rejection is null then {{ normalize_email('email') }} end as email,
        case
            when phone_rejection is null
                then {{ normalize_phone('phone', country_expression='locale_country_code') }}
        end as phone,
        {{ clean_display_name('name') }} as full_name,
        {{ name_from_full_name('name', 'first') }} as first_name,
        {{ name_from_full_name('name', 'last') }} as last_name,
        lower(nullif(trim(role), '')) as role,
        nullif(trim(locale), '') as locale,
        nullif(trim(time_zone), '') as time_zone,

        ---------- booleans
        coalesce(lower(trim(role)) = 'end-user', false) as is_end_user,
        coalesce(active, false) as is_active,
        coalesce(email_rejection = 'malformed_email', false) as has_invalid_email,
        coalesce(email_rejection = 'placeholder_email', false) as is_placeholder_email,
        coalesce(phone_rejection = 'invalid_phone', false) as has_invalid_phone,
        coalesce(phone_rejection = 'placeholder_phone', false) as is_placeholder_phone,

        ---------- timestamps
        cast(created_at as timestamp) as created_at,
        cast(updated_at as timestamp) as updated_at,
        cast(_fivetran_synced as timestamp) as loaded_at

    from validated

)

select * from renamed
