{#- Literal cases for rejection_reason, one row per (input, kind, expected reason); kind
    phone_gb reads numbers without a country code in GB. Dates: assert_parse_date_cases.
    Returns the rows where the macro disagrees. -#}
with

cases as (

    select fixture.*
    from (
        values
        ('Ann.Lee@Mail.com', 'email', null),
        ('test@test.com', 'email', 'placeholder_email'),
        (' N/A ', 'email', 'placeholder_email'),
        ('noreply@shop.com', 'email', 'placeholder_email'),
        ('ann@mail', 'email', 'malformed_email'),
        ('ann@@mail.com', 'email', 'malformed_email'),
        ('', 'email', null),
        (null, 'email', null),
        ('(415) 555-0123', 'phone', null),
        ('000-000-0000', 'phone', 'placeholder_phone'),
        ('123-456-7890', 'phone', 'placeholder_phone'),
        ('unknown', 'phone', 'placeholder_phone'),
        ('2222222222', 'phone', 'invalid_phone'),
        ('555 01', 'phone', 'invalid_phone'),
        ('call me', 'phone', 'invalid_phone'),
        ('020 7946 0958', 'phone', 'invalid_phone'),
        ('020 7946 0958', 'phone_gb', null),
        ('Ann', 'name', null),
        ('N/A', 'name', 'placeholder_name'),
        ('Guest', 'name', 'placeholder_name'),
        ('   ', 'name', null),
        ('12 High Street', 'text', null),
        ('-', 'text', 'placeholder_text'),
        ('Unknown', 'text', 'placeholder_text'),
        ('SW1A 1AA', 'postcode', null),
        ('n/a', 'postcode', 'placeholder_postcode'),
        ('...', 'postcode', 'malformed_postcode'),
        ('Deutschland', 'country', null),
        ('U.S.', 'country', null),
        ('Atlantis', 'country', 'unknown_country'),
        ('', 'country', null)
    ) as fixture (input_value, kind, expected_reason)

),

computed as (

    select
        input_value,
        kind,
        expected_reason,
        case kind
            when 'email' then {{ rejection_reason('input_value', 'email') }}
            when 'phone'
                then {{ rejection_reason('input_value', 'phone', {'default_country': 'US'}) }}
            when 'phone_gb'
                then {{ rejection_reason('input_value', 'phone', {'default_country': 'GB'}) }}
            when 'name' then {{ rejection_reason('input_value', 'name') }}
            when 'text' then {{ rejection_reason('input_value', 'text') }}
            when 'postcode' then {{ rejection_reason('input_value', 'postcode') }}
            when 'country' then {{ rejection_reason('input_value', 'country') }}
        end as actual_reason
    from cases

)

select *
from computed
where actual_reason is distinct from expected_reason
