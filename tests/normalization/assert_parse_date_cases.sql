{#- Literal cases for parse_date with both slash orders: (input, expected with 'mdy',
    expected with 'dmy', expected rejection reason with 'mdy'). Dates go through text so
    that the values list has one type on both engines. -#}
with

cases as (

    select fixture.*
    from (
        values
        ('1984-03-07', '1984-03-07', '1984-03-07', null),
        ('1984-3-7', '1984-03-07', '1984-03-07', null),
        ('1984/03/07', '1984-03-07', '1984-03-07', null),
        ('1984-03-07 00:00:00', '1984-03-07', '1984-03-07', null),
        ('1984-03-07T10:30:00Z', '1984-03-07', '1984-03-07', null),
        ('19840307', '1984-03-07', '1984-03-07', null),
        ('03/07/1984', '1984-03-07', '1984-07-03', null),
        ('3/7/1984', '1984-03-07', '1984-07-03', null),
        ('03-07-1984', '1984-03-07', '1984-07-03', null),
        ('25/12/1990', '1990-12-25', '1990-12-25', null),
        ('12/25/1990', '1990-12-25', '1990-12-25', null),
        ('7.3.1984', '1984-03-07', '1984-03-07', null),
        ('07.03.1984', '1984-03-07', '1984-03-07', null),
        ('3/7/84', '1984-03-07', '1984-07-03', null),
        ('3/7/05', '2005-03-07', '2005-07-03', null),
        ('7.3.29', '2029-03-07', '2029-03-07', null),
        ('7.3.30', '1930-03-07', '1930-03-07', null),
        ('March 7, 1984', '1984-03-07', '1984-03-07', null),
        ('Sept 7 1984', '1984-09-07', '1984-09-07', null),
        ('07-Mar-1984', '1984-03-07', '1984-03-07', null),
        ('7th March 1984', '1984-03-07', '1984-03-07', null),
        ('2024-02-29', '2024-02-29', '2024-02-29', null),
        ('2000-02-29', '2000-02-29', '2000-02-29', null),
        ('1900-02-29', null, null, 'impossible_date'),
        ('2023-02-29', null, null, 'impossible_date'),
        ('2023-02-30', null, null, 'impossible_date'),
        ('31/04/1990', null, null, 'impossible_date'),
        ('04/31/1990', null, null, 'impossible_date'),
        ('32/01/1990', null, null, 'impossible_date'),
        ('1990-13-01', null, null, 'impossible_date'),
        ('7 Foo 1984', null, null, 'unparseable_date'),
        ('unknown', null, null, 'placeholder_date'),
        ('N/A', null, null, 'placeholder_date'),
        ('?', null, null, 'placeholder_date'),
        ('00/00/0000', null, null, 'placeholder_date'),
        ('1900-01-01', null, null, 'placeholder_date'),
        ('next tuesday', null, null, 'unparseable_date'),
        ('1984', null, null, 'unparseable_date'),
        ('', null, null, null),
        (null, null, null, null)
    ) as fixture (input_value, expected_mdy, expected_dmy, expected_reason)

),

computed as (

    select
        input_value,
        expected_mdy,
        expected_dmy,
        expected_reason,
        cast({{ parse_date('input_value') }} as {{ dbt.type_string() }}) as actual_mdy,
        cast({{ parse_date('input_value', slash_order='dmy') }} as {{ dbt.type_string() }}) as actual_dmy,
        {{ rejection_reason('input_value', 'date') }} as actual_reason
    from cases

)

select *
from computed
where
    actual_mdy is distinct from expected_mdy
    or actual_dmy is distinct from expected_dmy
    or actual_reason is distinct from expected_reason
