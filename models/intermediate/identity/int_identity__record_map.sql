{#- One row per identity record with its customer: customer_id (stable, from
    int_identity__customer_id_registry), match_tier (how the record is tied to the others
    of its customer: deterministic, fuzzy_high / fuzzy_medium / fuzzy_low, or singleton
    when it stands alone) and matched_by (the identifier type or fuzzy rule of its
    strongest active edge; always_match for a steward's pair). -#}

with

components as (

    select * from {{ ref('int_identity__components') }}

),

registry as (

    select * from {{ ref('int_identity__customer_id_registry') }}

),

graph_edges as (

    select * from {{ ref('int_identity__graph_edges') }}

),

record_edges as (

    select
        node_a as node_id,
        edge_kind,
        matched_by,
        confidence_tier,
        strength
    from graph_edges
    where is_active

    union all

    select
        node_b as node_id,
        edge_kind,
        matched_by,
        confidence_tier,
        strength
    from graph_edges
    where is_active

),

strongest_edges as (

    select *
    from (
        select
            record_edges.*,
            row_number() over (
                partition by record_edges.node_id
                order by record_edges.strength desc, record_edges.matched_by asc
            ) as strength_rank
        from record_edges
    ) as ranked
    where strength_rank = 1

),

final as (

    select
        components.source_name,
        components.record_id,
        registry.customer_id,
        case
            when strongest_edges.node_id is null then 'singleton'
            when strongest_edges.edge_kind = 'fuzzy'
                then 'fuzzy_' || coalesce(strongest_edges.confidence_tier, 'low')
            else 'deterministic'
        end as match_tier,
        coalesce(strongest_edges.matched_by, 'none') as matched_by,
        components.component_size as customer_record_count
    from components
    inner join registry
        on
            components.source_name = registry.source_name
            and components.record_id = registry.record_id
    left outer join strongest_edges
        on components.node_id = strongest_edges.node_id

)

select * from final
