{#- Components are closed under their edges: both records of every active edge belong to
    one customer. Returns the edges that cross customers. -#}

with

graph_edges as (

    select * from {{ ref('int_identity__graph_edges') }}

),

record_map as (

    select * from {{ ref('int_identity__record_map') }}

)

select graph_edges.edge_id
from graph_edges
inner join record_map as map_a
    on
        graph_edges.source_name_a = map_a.source_name
        and graph_edges.record_id_a = map_a.record_id
inner join record_map as map_b
    on
        graph_edges.source_name_b = map_b.source_name
        and graph_edges.record_id_b = map_b.record_id
where
    graph_edges.is_active
    and map_a.customer_id <> map_b.customer_id
