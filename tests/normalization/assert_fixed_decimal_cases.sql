{#- Literal cases for fixed_decimal: (input as text, read as a double, expected value at
    scale 12 and at scale 9, as text), and one sum added in two orders, which doubles do
    not agree on (0.1 + 0.2 + 0.3 is not 0.3 + 0.2 + 0.1). Returns the rows where the macro
    disagrees. -#}
{%- set double = type_double() %}
with

cases as (

    select fixture.*
    from (
        values
        ('0.1', '0.100000000000', '0.100000000'),
        ('0.12345678901249', '0.123456789012', '0.123456789'),
        ('0.12345678901251', '0.123456789013', '0.123456789'),
        ('0.9999999996', '0.999999999600', '1.000000000'),
        ('0.9999999994', '0.999999999400', '0.999999999'),
        ('-1.23456789012345', '-1.234567890123', '-1.234567890'),
        ('1e-13', '0.000000000000', '0.000000000'),
        ('1234.5', '1234.500000000000', '1234.500000000'),
        (null, null, null)
    ) as fixture (input_value, expected_scale_12, expected_scale_9)

),

computed as (

    select
        input_value,
        expected_scale_12,
        expected_scale_9,
        {{ fixed_decimal('cast(input_value as ' ~ double ~ ')', 12) }} as actual_scale_12,
        {{ fixed_decimal('cast(input_value as ' ~ double ~ ')', 9) }} as actual_scale_9
    from cases

),

sums as (

    select
        'sum in two orders' as input_value,
        cast(
            {{ fixed_decimal('cast(0.1 as ' ~ double ~ ')', 12) }}
            + {{ fixed_decimal('cast(0.2 as ' ~ double ~ ')', 12) }}
            + {{ fixed_decimal('cast(0.3 as ' ~ double ~ ')', 12) }}
            as {{ dbt.type_string() }}
        ) as forwards,
        cast(
            {{ fixed_decimal('cast(0.3 as ' ~ double ~ ')', 12) }}
            + {{ fixed_decimal('cast(0.2 as ' ~ double ~ ')', 12) }}
            + {{ fixed_decimal('cast(0.1 as ' ~ double ~ ')', 12) }}
            as {{ dbt.type_string() }}
        ) as backwards

)

select
    input_value,
    cast(actual_scale_12 as {{ dbt.type_string() }}) as actual,
    expected_scale_12 as expected
from computed
where
    actual_scale_12 is distinct from cast(expected_scale_12 as decimal(38, 12))
    or actual_scale_9 is distinct from cast(expected_scale_9 as decimal(38, 9))

union all

select
    input_value,
    forwards as actual,
    backwards as expected
from sums
-- compared as numbers: Spark gives the sum of decimal(38, 12) values a scale of 10
where forwards <> backwards or cast(forwards as decimal(38, 12)) <> cast(0.6 as decimal(38, 12))
