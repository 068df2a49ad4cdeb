{#- Literal cases for clean_display_name and normalize_name: (input, expected display
    name, expected match key). -#}
with

cases as (

    select fixture.*
    from (
        values
        ('José', 'José', 'jose'),
        ('  MÜLLER ', 'MÜLLER', 'muller'),
        ('Łukasz', 'Łukasz', 'lukasz'),
        ('Nguyễn', 'Nguyễn', 'nguyen'),
        ('Wiśniewski', 'Wiśniewski', 'wisniewski'),
        ('Strauß', 'Strauß', 'strauss'),
        ('Øyvind', 'Øyvind', 'oyvind'),
        ('Zoë', 'Zoë', 'zoe'),
        ('Iñaki', 'Iñaki', 'inaki'),
        ('O''Brien', 'O''Brien', 'obrien'),
        ('O’Connor', 'O’Connor', 'oconnor'),
        ('Jean-Luc', 'Jean-Luc', 'jean-luc'),
        ('Smith - Jones', 'Smith - Jones', 'smith-jones'),
        ('Van  der   Berg', 'Van der Berg', 'van der berg'),
        ('St. John', 'St. John', 'st john'),
        ('Mary Ann', 'Mary Ann', 'mary ann'),
        ('N/A', null, null),
        ('unknown', null, null),
        ('NONE', null, null),
        ('-', null, null),
        ('?', null, null),
        ('TBD', null, null),
        ('null', null, null),
        ('Test', null, null),
        ('   ', null, null),
        ('123', '123', null),
        (null, null, null)
    ) as fixture (input_value, expected_display, expected_key)

),

computed as (

    select
        input_value,
        expected_display,
        expected_key,
        {{ clean_display_name('input_value') }} as actual_display,
        {{ normalize_name('input_value') }} as actual_key
    from cases

)

select *
from computed
where
    actual_display is distinct from expected_display
    or actual_key is distinct from expected_key
