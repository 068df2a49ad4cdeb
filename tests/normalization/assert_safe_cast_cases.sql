{#- Literal cases for safe_cast: (input, expected integer, decimal, boolean, date,
    timestamp), every expectation written as text. -#}
{%- set text_type = dbt.type_string() -%}
with

cases as (

    select fixture.*
    from (
        values
        ('42', '42', '42.00', null, null, null),
        (' -7 ', '-7', '-7.00', null, null, null),
        ('3.14', null, '3.14', null, null, null),
        ('1e3', null, '1000.00', null, null, null),
        ('abc', null, null, null, null, null),
        ('yes', null, null, 'true', null, null),
        ('F', null, null, 'false', null, null),
        ('1', '1', '1.00', 'true', null, null),
        ('2024-02-29', null, null, null, '2024-02-29', '2024-02-29 00:00:00'),
        ('2023-02-29', null, null, null, null, null),
        ('2024-03-07 10:30:00', null, null, null, null, '2024-03-07 10:30:00'),
        ('2024-03-07T25:00:00', null, null, null, null, null),
        ('', null, null, null, null, null),
        (null, null, null, null, null, null)
    ) as fixture (
        input_value, expected_integer, expected_decimal, expected_boolean, expected_date,
        expected_timestamp
    )

),

computed as (

    select
        cases.*,
        cast({{ safe_cast('input_value', 'integer') }} as {{ text_type }}) as actual_integer,
        cast({{ safe_cast('input_value', 'decimal(12, 2)') }} as {{ text_type }}) as actual_decimal,
        cast({{ safe_cast('input_value', 'boolean') }} as {{ text_type }}) as actual_boolean,
        cast({{ safe_cast('input_value', 'date') }} as {{ text_type }}) as actual_date,
        cast({{ safe_cast('input_value', 'timestamp') }} as {{ text_type }}) as actual_timestamp
    from cases

)

select *
from computed
where
    actual_integer is distinct from expected_integer
    or actual_decimal is distinct from expected_decimal
    or actual_boolean is distinct from expected_boolean
    or actual_date is distinct from expected_date
    or actual_timestamp is distinct from expected_timestamp
