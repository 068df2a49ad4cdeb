{% macro identity_connected_components(edges_sql, labels_relation, max_iterations) -%}
    {{ return(adapter.dispatch('identity_connected_components')(edges_sql, labels_relation, max_iterations)) }}
{%- endmacro %}

{% macro default__identity_connected_components(edges_sql, labels_relation, max_iterations) -%}
    {#- Connected components of an undirected graph, written to labels_relation as one row
        per node that has an edge: node_id, label (the smallest node id of its component).
        edges_sql selects node_a, node_b (integers). Min-label propagation with pointer
        jumping: each round a node takes the smallest label among itself and its
        neighbours, then the label of that label (a jump along the chain of labels), so
        labels spread over doubling distances and the rounds grow with the log of a
        component's diameter, not with the diameter. Loops until no label changes, at
        most max_iterations rounds. Returns a list with one dict per round: iteration,
        changed_nodes. -#}
    {%- set edges_relation = labels_relation.incorporate(path={'identifier': labels_relation.identifier ~ '__edges'}, type='table') -%}
    {%- set next_relation = labels_relation.incorporate(path={'identifier': labels_relation.identifier ~ '__next'}, type='table') -%}
    {%- do adapter.drop_relation(edges_relation) -%}
    {%- do adapter.drop_relation(next_relation) -%}
    {%- do adapter.drop_relation(labels_relation) -%}

    {%- set undirected_sql -%}
        with graph_edges as ({{ edges_sql }})
        select node_a as node_id, node_b as neighbour_id from graph_edges
        union all
        select node_b as node_id, node_a as neighbour_id from graph_edges
    {%- endset -%}
    {%- do run_query(create_table_as(false, edges_relation, undirected_sql)) -%}

    {%- set initial_sql -%}
        select
            node_id,
            least(node_id, min(neighbour_id)) as label
        from {{ edges_relation }}
        group by node_id
    {%- endset -%}
    {%- do run_query(create_table_as(false, labels_relation, initial_sql)) -%}

    {%- set step_sql -%}
        with neighbour_labels as (
            select
                graph_edges.node_id,
                min(labels.label) as label
            from {{ edges_relation }} as graph_edges
            inner join {{ labels_relation }} as labels
                on graph_edges.neighbour_id = labels.node_id
            group by graph_edges.node_id
        ),

        propagated as (
            select
                labels.node_id,
                least(labels.label, neighbour_labels.label) as label
            from {{ labels_relation }} as labels
            inner join neighbour_labels
                on labels.node_id = neighbour_labels.node_id
        )

        select
            propagated.node_id,
            least(propagated.label, parents.label) as label
        from propagated
        inner join propagated as parents
            on propagated.label = parents.node_id
    {%- endset -%}
    {%- set changed_sql -%}
        select count(*) as changed_nodes
        from {{ next_relation }} as next_labels
        inner join {{ labels_relation }} as labels
            on next_labels.node_id = labels.node_id
        where next_labels.label <> labels.label
    {%- endset -%}

    {%- set state = namespace(converged=false) -%}
    {%- set rounds = [] -%}
    {%- for iteration in range(1, max_iterations + 1) -%}
        {%- if not state.converged -%}
            {%- do run_query(create_table_as(false, next_relation, step_sql)) -%}
            {%- set changed = run_query(changed_sql).columns[0].values()[0] | int -%}
            {%- do adapter.drop_relation(labels_relation) -%}
            {%- do adapter.rename_relation(next_relation, labels_relation) -%}
            {%- do rounds.append({'iteration': iteration, 'changed_nodes': changed}) -%}
            {%- if changed == 0 -%}
                {%- set state.converged = true -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do adapter.drop_relation(edges_relation) -%}
    {{ return(rounds) }}
{%- endmacro %}
