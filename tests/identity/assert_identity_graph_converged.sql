{#- The connected components converged: in every refinement round the last iteration
    changed no label, and the guards were satisfied within the iteration limit. Returns
    the rounds that did not converge. -#}

with

iterations as (

    select * from {{ ref('int_identity__component_iterations') }}

),

last_iterations as (

    select
        refinement_round,
        max(iteration) as iteration
    from iterations
    group by refinement_round

)

select iterations.*
from iterations
inner join last_iterations
    on
        iterations.refinement_round = last_iterations.refinement_round
        and iterations.iteration = last_iterations.iteration
where
    iterations.changed_nodes <> 0
    or not iterations.is_guard_satisfied
