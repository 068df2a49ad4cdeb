{#- Seed never_match wins over every edge: no customer holds both records of a pair.
    Returns the pairs that share a customer. -#}

with

never_match as (

    select * from {{ ref('never_match') }}

),

record_map as (

    select * from {{ ref('int_identity__record_map') }}

)

select never_match.*
from never_match
inner join record_map as map_a
    on
        never_match.source_name_a = map_a.source_name
        and never_match.record_id_a = map_a.record_id
inner join record_map as map_b
    on
        never_match.source_name_b = map_b.source_name
        and never_match.record_id_b = map_b.record_id
where map_a.customer_id = map_b.customer_id
