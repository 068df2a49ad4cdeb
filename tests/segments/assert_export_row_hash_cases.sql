{#- Literal cases for export_row_hash: md5 of 'v<length>:<text>' parts joined by '|', a null
    written '~' (digests worked out independently), and the collisions it must avoid. -#}
with

cases as (

    select fixture.* from (
        values
        ('a', 'b', '4e4884dba3232088122e3b309c5b56b9'),
        ('a', null, 'a18cb225c1fdd71c97348fe5551192c9'),
        ('a', '', '13b34d7b6fac13e9abe3eee7276778f9'),
        ('a|', 'b', '2e8922d1ccb0b3d614ac8d48ad3a887e')
    ) as fixture (first_value, second_value, expected_hash)

),

computed as (

    select
        first_value,
        second_value,
        expected_hash,
        {{ export_row_hash(['first_value', 'second_value']) }} as actual_hash
    from cases

)

select *
from computed
where actual_hash <> expected_hash or actual_hash is null
