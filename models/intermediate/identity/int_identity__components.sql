{{
    config(
        pre_hook="{{ identity_resolve_components(
            this,
            edges=ref('int_identity__edges'),
            records=ref('int_identity__records'),
            observations=ref('int_identity__observations'),
            quarantined_values=ref('int_identity__quarantined_values'),
            never_match=ref('never_match')
        ) }}"
    )
}}

{#- One row per identity record with its component: the records its edges connect, once
    the guards dropped the weakest edges of components that were too large, held a
    never-match pair or broke an identifier limit. The pre-hook (macro
    identity_resolve_components) iterates in SQL and leaves its work tables beside this
    model; int_identity__component_iterations and int_identity__graph_edges read them. -#}
-- depends_on: {{ ref('int_identity__edges') }}
-- depends_on: {{ ref('int_identity__observations') }}
-- depends_on: {{ ref('int_identity__quarantined_values') }}
-- depends_on: {{ ref('never_match') }}

with

records as (

    select * from {{ ref('int_identity__records') }}

),

labels as (

    select * from {{ this.incorporate(path={'identifier': this.identifier ~ '__labels'}) }}

),

labelled as (

    select
        records.node_id,
        records.source_name,
        records.record_id,
        coalesce(labels.label, records.node_id) as component_id
    from records
    left outer join labels
        on records.node_id = labels.node_id

),

final as (

    select
        node_id,
        source_name,
        record_id,
        component_id,
        count(*) over (partition by component_id) as component_size
    from labelled

)

select * from final
