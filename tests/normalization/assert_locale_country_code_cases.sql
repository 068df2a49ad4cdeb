{#- Literal cases for locale_country_code: (locale, expected country). Returns the rows
    where the macro disagrees. -#}
with

cases as (

    select fixture.*
    from (
        values
        ('en-GB', 'GB'),
        ('pt_br', 'BR'),
        ('fr-CA', 'CA'),
        (' de ', 'DE'),
        ('nl', 'NL'),
        ('en', null),
        ('es-419', null),
        ('english', null),
        ('', null),
        (null, null)
    ) as fixture (locale, expected_country_code)

),

computed as (

    select
        locale,
        expected_country_code,
        {{ locale_country_code('locale') }} as actual_country_code
    from cases

)

select *
from computed
where actual_country_code is distinct from expected_country_code
