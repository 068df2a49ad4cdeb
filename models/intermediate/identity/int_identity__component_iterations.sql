{#- One row per connected-components round of the last run: the refinement round (0, then
    one more after each drop of weak edges), the iteration within it, how many records
    changed label, how many edges the guards dropped after it. Written by the pre-hook of
    int_identity__components (macro identity_resolve_components). -#}
-- depends_on: {{ ref('int_identity__components') }}

{%- set components = ref('int_identity__components') %}
{%- set iterations_relation = components.incorporate(
    path={'identifier': components.identifier ~ '__iterations'}
) %}

with

iterations as (

    select * from {{ iterations_relation }}

),

final as (

    select
        refinement_round,
        iteration,
        changed_nodes,
        edges_dropped,
        is_guard_satisfied,
        changed_nodes = 0 as is_converged,
        run_id
    from iterations

)

select * from final
