{#- Literal cases for name_from_full_name: (full name, expected first, expected last). -#}
with

cases as (

    select fixture.*
    from (
        values
        ('Jane Doe', 'Jane', 'Doe'),
        ('  Anna   van der Berg ', 'Anna', 'van der Berg'),
        ('Doe, Jane', 'Jane', 'Doe'),
        ('Dr. Jane Doe', 'Jane', 'Doe'),
        ('mrs jane doe', 'jane', 'doe'),
        ('Madonna', 'Madonna', null),
        ('N/A', null, null),
        (null, null, null)
    ) as fixture (input_value, expected_first, expected_last)

),

computed as (

    select
        input_value,
        expected_first,
        expected_last,
        {{ name_from_full_name('input_value', 'first') }} as actual_first,
        {{ name_from_full_name('input_value', 'last') }} as actual_last
    from cases

)

select *
from computed
where
    actual_first is distinct from expected_first
    or actual_last is distinct from expected_last
