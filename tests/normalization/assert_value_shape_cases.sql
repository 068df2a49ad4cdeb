{#- Literal cases for value_shape: (input, expected shape). Returns the rows where the
    macro disagrees. -#}
with

cases as (

    select fixture.*
    from (
        values
        ('John..Doe@Mail.com', 'Aaaa..Aaa@Aaaa.aaa'),
        ('(415) 555-01', '(999) 999-99'),
        ('31/02/1985', '99/99/9999'),
        ('José Ñúñez', 'Aaaa Aaaaa'),
        ('Straße', 'Aaaaaaa'),
        ('Иван', '????'),
        ('N/A', 'A/A'),
        ('', ''),
        (null, null)
    ) as fixture (input_value, expected_shape)

),

computed as (

    select
        input_value,
        expected_shape,
        {{ value_shape('input_value') }} as actual_shape
    from cases

)

select *
from computed
where actual_shape is distinct from expected_shape
