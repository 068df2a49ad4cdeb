{#- One row per pair of identity records linked by evidence, node_a < node_b: records
    sharing a strong identifier (as a star: every record holding a value links to the
    first record holding it), pairs of seed always_match, and accepted fuzzy matches when
    var cdp_identity_fuzzy.enabled. Never linked on: quarantined values; identifiers of a
    shared record (int_identity__shared_records); a type of which a record holds
    more values than max_per_customer. Pairs of seed never_match are dropped here and kept
    apart by int_identity__components. One edge per pair: the strongest. strength orders
    edges for the component guards (always_match 1000, an identifier type its priority,
    a fuzzy edge 3, 2 or 1 by confidence tier, below every type). -#}

{%- set fuzzy_enabled = var('cdp_identity_fuzzy', {}).get('enabled', false) %}

with

observations as (

    select * from {{ ref('int_identity__observations') }}

),

records as (

    select * from {{ ref('int_identity__records') }}

),

quarantined_values as (

    select * from {{ ref('int_identity__quarantined_values') }}

),

shared_records as (

    select * from {{ ref('int_identity__shared_records') }}

),

never_match as (

    select * from {{ ref('never_match') }}

),

always_match as (

    select * from {{ ref('always_match') }}

),

{%- if fuzzy_enabled %}

    fuzzy_edges as (

        select * from {{ ref('int_identity__fuzzy_edges') }}

    ),
{%- endif %}

type_settings as (

    {{ identity_type_settings() }}

),

usable_observations as (

    {{ identity_usable_observations('observations', 'quarantined_values', 'type_settings') }}

),

values_per_record as (

    select
        source_name,
        record_id,
        identifier_type,
        match_key,
        priority,
        max_per_customer,
        count(*) over (partition by source_name, record_id, identifier_type) as record_value_count
    from usable_observations

),

linking_observations as (

    select
        values_per_record.source_name,
        values_per_record.record_id,
        values_per_record.identifier_type,
        values_per_record.match_key,
        values_per_record.priority,
        records.node_id
    from values_per_record
    inner join records
        on
            values_per_record.source_name = records.source_name
            and values_per_record.record_id = records.record_id
    where
        (
            values_per_record.max_per_customer is null
            or values_per_record.record_value_count <= values_per_record.max_per_customer
        )
        and not exists (
            select 1
            from shared_records
            where
                shared_records.source_name = values_per_record.source_name
                and shared_records.record_id = values_per_record.record_id
        )

),

hubs as (

    select
        linking_observations.*,
        min(linking_observations.node_id)
            over (partition by linking_observations.identifier_type, linking_observations.match_key)
            as hub_node_id
    from linking_observations

),

identifier_edges as (

    select
        hubs.hub_node_id as node_a,
        hubs.node_id as node_b,
        'deterministic' as edge_kind,
        hubs.identifier_type as matched_by,
        hubs.match_key as identifier_value,
        cast(hubs.priority as {{ dbt.type_float() }}) as strength,
        cast(null as {{ dbt.type_float() }}) as match_probability,
        cast(null as {{ dbt.type_float() }}) as match_weight,
        cast(null as {{ dbt.type_string() }}) as confidence_tier,
        cast(null as {{ dbt.type_string() }}) as evidence
    from hubs
    where hubs.node_id <> hubs.hub_node_id

),

always_match_edges as (

    select
        least(records_a.node_id, records_b.node_id) as node_a,
        greatest(records_a.node_id, records_b.node_id) as node_b,
        'always_match' as edge_kind,
        'always_match' as matched_by,
        cast(null as {{ dbt.type_string() }}) as identifier_value,
        cast(1000 as {{ dbt.type_float() }}) as strength,
        cast(null as {{ dbt.type_float() }}) as match_probability,
        cast(null as {{ dbt.type_float() }}) as match_weight,
        cast(null as {{ dbt.type_string() }}) as confidence_tier,
        cast(always_match.reason as {{ dbt.type_string() }}) as evidence
    from always_match
    inner join records as records_a
        on
            always_match.source_name_a = records_a.source_name
            and always_match.record_id_a = records_a.record_id
    inner join records as records_b
        on
            always_match.source_name_b = records_b.source_name
            and always_match.record_id_b = records_b.record_id
    where records_a.node_id <> records_b.node_id

),
{%- if fuzzy_enabled %}

    probabilistic_edges as (

        select
            least(records_a.node_id, records_b.node_id) as node_a,
            greatest(records_a.node_id, records_b.node_id) as node_b,
            'fuzzy' as edge_kind,
            cast(fuzzy_edges.blocking_rule as {{ dbt.type_string() }}) as matched_by,
            cast(null as {{ dbt.type_string() }}) as identifier_value,
            -- a fuzzy edge is weaker than any identifier; its tier orders it among fuzzy edges
            cast(
                case fuzzy_edges.confidence_tier when 'high' then 3 when 'medium' then 2 else 1 end
                as {{ dbt.type_float() }}
            ) as strength,
            cast(fuzzy_edges.match_probability as {{ dbt.type_float() }}) as match_probability,
            cast(fuzzy_edges.match_weight as {{ dbt.type_float() }}) as match_weight,
            cast(fuzzy_edges.confidence_tier as {{ dbt.type_string() }}) as confidence_tier,
            cast(fuzzy_edges.evidence as {{ dbt.type_string() }}) as evidence
        from fuzzy_edges
        inner join records as records_a
            on
                fuzzy_edges.source_name_a = records_a.source_name
                and fuzzy_edges.record_id_a = records_a.record_id
        inner join records as records_b
            on
                fuzzy_edges.source_name_b = records_b.source_name
                and fuzzy_edges.record_id_b = records_b.record_id
        where records_a.node_id <> records_b.node_id

    ),
{%- endif %}

all_edges as (

    select * from identifier_edges
    union all
    select * from always_match_edges
    {%- if fuzzy_enabled %}
        union all
        select * from probabilistic_edges
    {%- endif %}

),

never_match_pairs as (

    select
        least(records_a.node_id, records_b.node_id) as node_a,
        greatest(records_a.node_id, records_b.node_id) as node_b
    from never_match
    inner join records as records_a
        on
            never_match.source_name_a = records_a.source_name
            and never_match.record_id_a = records_a.record_id
    inner join records as records_b
        on
            never_match.source_name_b = records_b.source_name
            and never_match.record_id_b = records_b.record_id

),

strongest_per_pair as (

    select *
    from (
        select
            all_edges.*,
            row_number() over (
                partition by all_edges.node_a, all_edges.node_b
                order by
                    all_edges.strength desc,
                    all_edges.matched_by asc,
                    all_edges.identifier_value asc
            ) as strength_rank
        from all_edges
    ) as ranked
    where strength_rank = 1

),

final as (

    select
        cast(strongest_per_pair.node_a as {{ dbt.type_string() }})
        || '-'
        || cast(strongest_per_pair.node_b as {{ dbt.type_string() }}) as edge_id,
        strongest_per_pair.node_a,
        strongest_per_pair.node_b,
        records_a.source_name as source_name_a,
        records_a.record_id as record_id_a,
        records_b.source_name as source_name_b,
        records_b.record_id as record_id_b,
        strongest_per_pair.edge_kind,
        strongest_per_pair.matched_by,
        strongest_per_pair.identifier_value,
        strongest_per_pair.strength,
        strongest_per_pair.match_probability,
        strongest_per_pair.match_weight,
        strongest_per_pair.confidence_tier,
        strongest_per_pair.evidence
    from strongest_per_pair
    inner join records as records_a
        on strongest_per_pair.node_a = records_a.node_id
    inner join records as records_b
        on strongest_per_pair.node_b = records_b.node_id
    where not exists (
            select 1
            from never_match_pairs
            where
                never_match_pairs.node_a = strongest_per_pair.node_a
                and never_match_pairs.node_b = strongest_per_pair.node_b
        )

)

select * from final
