{#- Literal cases for normalize_phone: (input, record country or null, expected E.164).
    A null country falls back to the default country, given here as 'US' so that the
    test does not depend on the project's var. -#}
with

cases as (

    select fixture.*
    from (
        values
        ('4155550123', null, '+14155550123'),
        ('14155550123', null, '+14155550123'),
        ('1-415-555-0123', null, '+14155550123'),
        ('(415) 555-0123', null, '+14155550123'),
        ('415.555.0123', null, '+14155550123'),
        ('+1 415 555 0123', null, '+14155550123'),
        ('001 415 555 0123', null, '+14155550123'),
        ('011 44 20 7946 0958', null, '+442079460958'),
        ('(415) 555-0123 x123', null, '+14155550123'),
        ('415-555-0123 ext. 45', null, '+14155550123'),
        ('415-555-0123#9', null, '+14155550123'),
        ('+44 20 7946 0958', null, '+442079460958'),
        ('+44 (0)20 7946 0958', null, '+442079460958'),
        ('0044 20 7946 0958', null, '+442079460958'),
        ('020 7946 0958', 'GB', '+442079460958'),
        ('07700 900123', 'gb', '+447700900123'),
        ('442079460958', 'GB', '+442079460958'),
        ('020 7946 0958', null, null),
        ('030 12345678', 'DE', '+493012345678'),
        ('01 23 45 67 89', 'FR', '+33123456789'),
        ('091 123 4567', 'ES', '+34911234567'),
        ('612 345 678', 'ES', '+34612345678'),
        ('+254 712 345678', null, '+254712345678'),
        ('4155550123', 'ZZ', null),
        ('555-CALL-NOW', null, null),
        ('call me', null, null),
        ('+1', null, null),
        ('12345', null, null),
        ('415555012', null, null),
        ('4155550123999', null, null),
        ('+44 20 7946 09581234', null, null),
        ('0000000000', null, null),
        ('000-000-0000', null, null),
        ('999-999-9999', null, null),
        ('+44 7777 777777', null, null),
        ('123-456-7890', null, null),
        ('', null, null),
        (null, null, null)
    ) as fixture (input_value, country_code, expected_phone)

),

computed as (

    select
        input_value,
        country_code,
        expected_phone,
        {{ normalize_phone('input_value', 'US', 'country_code') }} as actual_phone
    from cases

)

select *
from computed
where actual_phone is distinct from expected_phone
