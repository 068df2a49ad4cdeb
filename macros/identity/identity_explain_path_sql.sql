{% macro identity_explain_path_sql(source_name_a, record_id_a, source_name_b, record_id_b, max_depth=50) -%}
    {{ return(adapter.dispatch('identity_explain_path_sql')(source_name_a, record_id_a, source_name_b, record_id_b, max_depth)) }}
{%- endmacro %}

{% macro default__identity_explain_path_sql(source_name_a, record_id_a, source_name_b, record_id_b, max_depth) -%}
    {#- A select of the shortest path of active edges (int_identity__graph_edges) from record
        a to record b: one row per step (step 1 starts at record a) with both records, the
        edge kind, the identifier type or fuzzy rule, the shared value or fuzzy evidence and
        probability. No rows when the records belong to different customers. A breadth-first
        search over the customer's edges (recursive CTE, distances up to max_depth), then a
        walk back from b along decreasing distance (smallest node first, so the answer is
        the same every time). -#}
    with recursive

    records as (
        select * from {{ ref('int_identity__records') }}
    ),

    record_map as (
        select * from {{ ref('int_identity__record_map') }}
    ),

    endpoints as (
        select
            start_record.node_id as start_node_id,
            end_record.node_id as end_node_id,
            start_map.customer_id
        from records as start_record
        inner join records as end_record
            on
                end_record.source_name = '{{ source_name_b }}'
                and end_record.record_id = '{{ record_id_b }}'
        inner join record_map as start_map
            on
                start_record.source_name = start_map.source_name
                and start_record.record_id = start_map.record_id
        inner join record_map as end_map
            on
                end_record.source_name = end_map.source_name
                and end_record.record_id = end_map.record_id
        where
            start_record.source_name = '{{ source_name_a }}'
            and start_record.record_id = '{{ record_id_a }}'
            and start_map.customer_id = end_map.customer_id
    ),

    customer_edges as (
        select graph_edges.*
        from {{ ref('int_identity__graph_edges') }} as graph_edges
        inner join record_map
            on
                graph_edges.source_name_a = record_map.source_name
                and graph_edges.record_id_a = record_map.record_id
        inner join endpoints
            on record_map.customer_id = endpoints.customer_id
        where graph_edges.is_active
    ),

    directed_edges as (
        select node_a as from_node_id, node_b as to_node_id, edge_id from customer_edges
        union all
        select node_b as from_node_id, node_a as to_node_id, edge_id from customer_edges
    ),

    reached (node_id, depth) as (
        select start_node_id as node_id, 0 as depth from endpoints
        union
        select directed_edges.to_node_id as node_id, reached.depth + 1 as depth
        from reached
        inner join directed_edges
            on reached.node_id = directed_edges.from_node_id
        where reached.depth < {{ max_depth }}
    ),

    distances as (
        select
            node_id,
            min(depth) as distance
        from reached
        group by node_id
    ),

    walk_back (node_id, distance, previous_node_id, edge_id) as (
        select
            endpoints.end_node_id as node_id,
            distances.distance,
            cast(null as bigint) as previous_node_id,
            cast(null as {{ dbt.type_string() }}) as edge_id
        from endpoints
        inner join distances
            on endpoints.end_node_id = distances.node_id
        union all
        select
            steps.to_node_id as node_id,
            walk_back.distance - 1 as distance,
            walk_back.node_id as previous_node_id,
            steps.edge_id
        from walk_back
        inner join (
            select
                directed_edges.from_node_id,
                directed_edges.to_node_id,
                directed_edges.edge_id,
                distances.distance,
                row_number() over (
                    partition by directed_edges.from_node_id, distances.distance
                    order by directed_edges.to_node_id
                ) as choice
            from directed_edges
            inner join distances
                on directed_edges.to_node_id = distances.node_id
        ) as steps
            on
                walk_back.node_id = steps.from_node_id
                and steps.distance = walk_back.distance - 1
                and steps.choice = 1
        where walk_back.distance > 0
    )

    select
        walk_back.distance + 1 as step,
        from_record.source_name as from_source_name,
        from_record.record_id as from_record_id,
        to_record.source_name as to_source_name,
        to_record.record_id as to_record_id,
        customer_edges.edge_kind,
        customer_edges.matched_by,
        customer_edges.identifier_value,
        customer_edges.match_probability,
        customer_edges.confidence_tier,
        customer_edges.evidence
    from walk_back
    inner join customer_edges
        on walk_back.edge_id = customer_edges.edge_id
    inner join records as from_record
        on walk_back.node_id = from_record.node_id
    inner join records as to_record
        on walk_back.previous_node_id = to_record.node_id
    order by step
{%- endmacro %}
