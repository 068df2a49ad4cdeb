{#- Literal cases for normalize_address, normalize_postcode and normalize_country:
    (kind, input, expected). -#}
with

cases as (

    select fixture.*
    from (
        values
        ('address', '123 Main Street', '123 main st'),
        ('address', '123 MAIN ST.', '123 main st'),
        ('address', '123 Main Str', '123 main st'),
        ('address', '45 North Oak Avenue, Apt. 5', '45 n oak ave apt 5'),
        ('address', '45 N. Oak Ave #5', '45 n oak ave apt 5'),
        ('address', '9 Sunset Boulevard, Suite 200', '9 sunset blvd ste 200'),
        ('address', '9 sunset blvd ste 200', '9 sunset blvd ste 200'),
        ('address', 'Hauptstraße 5', 'hauptstr 5'),
        ('address', 'Hauptstr. 5', 'hauptstr 5'),
        ('address', 'Berliner Straße 12', 'berliner st 12'),
        ('address', 'Berliner Str. 12', 'berliner st 12'),
        ('address', '12 Rue de l''Église', '12 rue de l eglise'),
        ('address', 'Calle de Alcalá, 42', 'calle de alcala 42'),
        ('address', 'N/A', null),
        ('address', '  ', null),
        ('postcode', 'sw1a 1aa', 'SW1A1AA'),
        ('postcode', ' 94105-1234 ', '94105-1234'),
        ('postcode', 'M5V 2T6', 'M5V2T6'),
        ('postcode', '75001', '75001'),
        ('postcode', 'n/a', null),
        ('postcode', '', null),
        ('country', 'US', 'US'),
        ('country', ' us ', 'US'),
        ('country', 'U.S.', 'US'),
        ('country', 'United States of America', 'US'),
        ('country', 'USA', 'US'),
        ('country', 'UK', 'GB'),
        ('country', 'Great Britain', 'GB'),
        ('country', 'England', 'GB'),
        ('country', 'Deutschland', 'DE'),
        ('country', 'DEU', 'DE'),
        ('country', 'España', 'ES'),
        ('country', 'france', 'FR'),
        ('country', 'Atlantis', null),
        ('country', '', null)
    ) as fixture (kind, input_value, expected_value)

),

computed as (

    select
        kind,
        input_value,
        expected_value,
        case kind
            when 'address' then {{ normalize_address('input_value') }}
            when 'postcode' then {{ normalize_postcode('input_value') }}
            when 'country' then {{ normalize_country('input_value') }}
        end as actual_value
    from cases

)

select *
from computed
where actual_value is distinct from expected_value
