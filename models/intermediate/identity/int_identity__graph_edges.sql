{#- One row per edge of int_identity__edges with what the component guards did with it:
    is_active (kept in the graph), else the refinement round and reason it was dropped
    (component_too_large, never_match, too_many_<identifier type>). Customers are the
    components of the active edges; explanations walk them. -#}
-- depends_on: {{ ref('int_identity__components') }}

{%- set components = ref('int_identity__components') %}
{%- set dropped_edges_relation = components.incorporate(
    path={'identifier': components.identifier ~ '__dropped_edges'}
) %}

with

edges as (

    select * from {{ ref('int_identity__edges') }}

),

dropped_edges as (

    select * from {{ dropped_edges_relation }}

),

final as (

    select
        edges.*,
        dropped_edges.edge_id is null as is_active,
        dropped_edges.refinement_round as dropped_in_round,
        dropped_edges.drop_reason
    from edges
    left outer join dropped_edges
        on edges.edge_id = dropped_edges.edge_id

)

select * from final
