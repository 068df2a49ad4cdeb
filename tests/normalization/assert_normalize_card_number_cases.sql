{#- Literal cases for normalize_card_number: (input, expected). Returns the rows where the
    macro disagrees. -#}
with

cases as (

    select fixture.*
    from (
        values
        ('6812 5029-3187', '681250293187'),
        (' ab-12 ', 'AB12'),
        ('6812502931875', '6812502931875'),
        ('  ', null),
        ('', null),
        (null, null)
    ) as fixture (input_value, expected_card_number)

),

computed as (

    select
        input_value,
        expected_card_number,
        {{ normalize_card_number('input_value') }} as actual_card_number
    from cases

)

select *
from computed
where actual_card_number is distinct from expected_card_number
