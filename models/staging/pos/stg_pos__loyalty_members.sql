with

source as (

    select * from {{ source('pos', 'loyalty_members') }}

),

stores as (

    select * from {{ source('pos', 'stores') }}

),

validated as (

    select
        source.*,
        -- the form has no country field: members live in the country of the store that
        -- enrolled them, which also reads phones typed without a country code
        {{ normalize_country('stores.country_code') }} as store_country_code,
        {{ rejection_reason('source.email', 'email') }} as email_rejection,
        {{ rejection_reason(
            'source.phone', 'phone',
            {'country_expression': normalize_country('stores.country_code')}
        ) }} as phone_rejection,
        -- written at the till as DD/MM/YYYY
        {{ rejection_reason('source.birth_date', 'date', {'slash_order': 'dmy'}) }}
            as birth_date_rejection
    from source
    left join stores
        on source.enrolled_store_id = stores.id

),

renamed as (

    select
        ---------- ids
        {{ normalize_card_number('card_number') }} as loyalty_card_number,
        cast(nullif(trim(enrolled_store_id), '') as {{ dbt.type_string() }}) as enrolled_store_id,

        ---------- strings
        case when email_rejection is null then {{ normalize_email('email') }} end as email,
        case
            when phone_rejection is null
                then {{ normalize_phone('phone', country_expression='store_country_code') }}
        end as phone,
        {{ clean_display_name('first_name') }} as first_name,
        {{ clean_display_name('last_name') }} as last_name,
        {{ normalize_postcode('postcode') }} as postcode,
        store_country_code as country_code,
        lower(nullif(trim(tier), '')) as tier,

        ---------- numerics
        cast(points_balance as integer) as points_balance,

        ---------- booleans
        coalesce(email_rejection = 'malformed_email', false) as has_invalid_email,
        coalesce(email_rejection = 'placeholder_email', false) as is_placeholder_email,
        coalesce(phone_rejection = 'invalid_phone', false) as has_invalid_phone,
        coalesce(phone_rejection = 'placeholder_phone', false) as is_placeholder_phone,
        coalesce(birth_date_rejection in ('unparseable_date', 'impossible_date'), false)
            as has_invalid_birth_date,
        coalesce(birth_date_rejection = 'placeholder_date', false) as is_placeholder_birth_date,

        ---------- dates
        case
            when birth_date_rejection is null then {{ parse_date('birth_date', slash_order='dmy') }}
        end as birth_date,

        ---------- timestamps
        cast(enrolled_at as timestamp) as enrolled_at,
        cast(updated_at as timestamp) as updated_at,
        cast(_loaded_at as timestamp) as loaded_at

    from validated

)

select * from renamed
