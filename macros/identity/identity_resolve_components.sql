{% macro identity_resolve_components(work_relation, edges, records, observations, quarantined_values, never_match) -%}
    {{ return(adapter.dispatch('identity_resolve_components')(work_relation, edges, records, observations, quarantined_values, never_match)) }}
{%- endmacro %}

{% macro default__identity_resolve_components(work_relation, edges, records, observations, quarantined_values, never_match) -%}
    {#- Components of the identity graph with their guards, as work tables named after
        work_relation (the components model): __labels (node_id, label), __dropped_edges
        (edge_id, refinement_round, drop_reason, strength), __iterations (one row per
        connected-components round). Each refinement round computes the components of
        the edges not dropped yet (identity_connected_components), then finds components
        that break a guard: more records than var cdp_identity_max_component_size, both
        records of a never_match pair, or more distinct values of an identifier type than
        its max_per_customer. In each such component the weakest edges (least strength)
        are dropped, except that an identifier limit only drops edges weaker than the
        limited type; the next round recomputes the components that lost edges (the
        others cannot change, and any guard they break had no edge left to drop) and checks
        only those. Stops when nothing is dropped, at most var cdp_identity_max_iterations
        rounds. Returns '' (for use in a pre_hook). -#}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set max_iterations = var('cdp_identity_max_iterations', 40) | int -%}
    {%- set max_component_size = var('cdp_identity_max_component_size', 1000) | int -%}
    {%- set limited_types = {} -%}
    {%- for identifier_type, settings in var('cdp_identity_identifier_types').items() -%}
        {%- if settings.get('max_per_customer') is not none -%}
            {%- do limited_types.update({identifier_type: settings}) -%}
        {%- endif -%}
    {%- endfor -%}

    {%- set labels_relation = work_relation.incorporate(path={'identifier': work_relation.identifier ~ '__labels'}, type='table') -%}
    {%- set split_relation = work_relation.incorporate(path={'identifier': work_relation.identifier ~ '__split_labels'}, type='table') -%}
    {%- set merged_relation = work_relation.incorporate(path={'identifier': work_relation.identifier ~ '__merged_labels'}, type='table') -%}
    {%- set dirty_relation = work_relation.incorporate(path={'identifier': work_relation.identifier ~ '__dirty_labels'}, type='table') -%}
    {%- set dropped_relation = work_relation.incorporate(path={'identifier': work_relation.identifier ~ '__dropped_edges'}, type='table') -%}
    {%- set log_relation = work_relation.incorporate(path={'identifier': work_relation.identifier ~ '__iterations'}, type='table') -%}

    {%- do adapter.drop_relation(dropped_relation) -%}
    {%- set empty_drops_sql -%}
        select
            edge_id,
            cast(0 as integer) as refinement_round,
            cast('' as {{ dbt.type_string() }}) as drop_reason,
            strength
        from {{ edges }}
        where 1 = 0
    {%- endset -%}
    {%- do run_query(create_table_as(false, dropped_relation, empty_drops_sql)) -%}

    {%- set active_edges_sql -%}
        select graph_edges.node_a, graph_edges.node_b
        from {{ edges }} as graph_edges
        where not exists (
            select 1 from {{ dropped_relation }} as dropped
            where dropped.edge_id = graph_edges.edge_id
        )
    {%- endset -%}

    {#- after the first round: the components (labels) that lost an edge in the last one -#}
    {%- set dirty_sql -%}
        select distinct labels.label
        from {{ dropped_relation }} as dropped
        inner join {{ edges }} as graph_edges
            on dropped.edge_id = graph_edges.edge_id
        inner join {{ labels_relation }} as labels
            on graph_edges.node_a = labels.node_id
        where dropped.refinement_round = (select max(refinement_round) from {{ dropped_relation }})
    {%- endset -%}
    {%- set dirty_edges_sql -%}
        select active_edges.node_a, active_edges.node_b
        from ({{ active_edges_sql }}) as active_edges
        inner join {{ labels_relation }} as labels
            on active_edges.node_a = labels.node_id
        where labels.label in (select dirty.label from {{ dirty_relation }} as dirty)
    {%- endset -%}
    {%- set merged_sql -%}
        select labels.node_id, labels.label
        from {{ labels_relation }} as labels
        where labels.label not in (select dirty.label from {{ dirty_relation }} as dirty)
        union all
        select split_labels.node_id, split_labels.label
        from {{ split_relation }} as split_labels
    {%- endset -%}

    {%- set state = namespace(done=false) -%}
    {%- set log_rows = [] -%}
    {%- for refinement_round in range(max_iterations) -%}
        {%- if not state.done -%}
            {%- if refinement_round == 0 -%}
                {%- set rounds = identity_connected_components(active_edges_sql, labels_relation, max_iterations) -%}
            {%- else -%}
                {#- only the components that lost edges split; the rest keep their labels -#}
                {%- do adapter.drop_relation(dirty_relation) -%}
                {%- do run_query(create_table_as(false, dirty_relation, dirty_sql)) -%}
                {%- set rounds = identity_connected_components(dirty_edges_sql, split_relation, max_iterations) -%}
                {%- do adapter.drop_relation(merged_relation) -%}
                {%- do run_query(create_table_as(false, merged_relation, merged_sql)) -%}
                {%- do adapter.drop_relation(labels_relation) -%}
                {%- do adapter.rename_relation(merged_relation, labels_relation) -%}
            {%- endif -%}
            {%- set drop_sql -%}
                insert into {{ dropped_relation }} (edge_id, refinement_round, drop_reason, strength)
                with record_components as (
                    {%- if refinement_round == 0 %}
                    select
                        records.node_id,
                        coalesce(labels.label, records.node_id) as component_id
                    from {{ records }} as records
                    left join {{ labels_relation }} as labels
                        on records.node_id = labels.node_id
                    {%- else %}
                    -- the components just split (a record left alone breaks no guard
                    -- an edge could fix)
                    select
                        split_labels.node_id,
                        split_labels.label as component_id
                    from {{ split_relation }} as split_labels
                    {%- endif %}
                ),

                violations as (
                    select
                        component_id,
                        'component_too_large' as drop_reason,
                        cast(null as {{ dbt.type_float() }}) as strength_ceiling
                    from record_components
                    group by component_id
                    having count(*) > {{ max_component_size }}

                    union all

                    select
                        components_a.component_id,
                        'never_match' as drop_reason,
                        cast(null as {{ dbt.type_float() }}) as strength_ceiling
                    from {{ never_match }} as never_match
                    inner join {{ records }} as records_a
                        on
                            never_match.source_name_a = records_a.source_name
                            and never_match.record_id_a = records_a.record_id
                    inner join {{ records }} as records_b
                        on
                            never_match.source_name_b = records_b.source_name
                            and never_match.record_id_b = records_b.record_id
                    inner join record_components as components_a
                        on records_a.node_id = components_a.node_id
                    inner join record_components as components_b
                        on records_b.node_id = components_b.node_id
                    where components_a.component_id = components_b.component_id
                    {%- for identifier_type, settings in limited_types.items() %}

                    union all

                    select
                        record_components.component_id,
                        'too_many_{{ identifier_type }}' as drop_reason,
                        cast({{ settings.get('priority', 0) }} as {{ dbt.type_float() }}) as strength_ceiling
                    from {{ observations }} as observations
                    inner join {{ records }} as records
                        on
                            observations.source_name = records.source_name
                            and observations.record_id = records.record_id
                    inner join record_components
                        on records.node_id = record_components.node_id
                    where
                        observations.identifier_type = '{{ identifier_type }}'
                        and not exists (
                            select 1 from {{ quarantined_values }} as quarantined_values
                            where
                                quarantined_values.identifier_type = observations.identifier_type
                                and quarantined_values.identifier_value = observations.match_key
                        )
                    group by record_components.component_id
                    having count(distinct observations.match_key) > {{ settings['max_per_customer'] }}
                    {%- endfor %}
                ),

                component_edges as (
                    select
                        graph_edges.edge_id,
                        graph_edges.strength,
                        record_components.component_id
                    from {{ edges }} as graph_edges
                    inner join record_components
                        on graph_edges.node_a = record_components.node_id
                    where record_components.component_id in (select violations.component_id from violations)
                ),

                active_component_edges as (
                    select component_edges.*
                    from component_edges
                    where not exists (
                        select 1 from {{ dropped_relation }} as dropped
                        where dropped.edge_id = component_edges.edge_id
                    )
                ),

                weakest as (
                    select
                        component_id,
                        min(strength) as strength
                    from active_component_edges
                    group by component_id
                ),

                droppable as (
                    select
                        violations.component_id,
                        min(violations.drop_reason) as drop_reason
                    from violations
                    inner join weakest
                        on violations.component_id = weakest.component_id
                    where
                        violations.strength_ceiling is null
                        or weakest.strength < violations.strength_ceiling
                    group by violations.component_id
                )

                select
                    active_component_edges.edge_id,
                    {{ refinement_round }} as refinement_round,
                    droppable.drop_reason,
                    active_component_edges.strength
                from active_component_edges
                inner join weakest
                    on
                        active_component_edges.component_id = weakest.component_id
                        and active_component_edges.strength = weakest.strength
                inner join droppable
                    on active_component_edges.component_id = droppable.component_id
            {%- endset -%}
            {%- do run_query(drop_sql) -%}
            {%- set dropped_count_sql -%}
                select count(*) from {{ dropped_relation }} where refinement_round = {{ refinement_round }}
            {%- endset -%}
            {%- set dropped_count = run_query(dropped_count_sql).columns[0].values()[0] | int -%}
            {%- for round in rounds -%}
                {%- do log_rows.append({
                    'refinement_round': refinement_round,
                    'iteration': round['iteration'],
                    'changed_nodes': round['changed_nodes'],
                    'edges_dropped': dropped_count if loop.last else 0,
                }) -%}
            {%- endfor -%}
            {%- if dropped_count == 0 -%}
                {%- set state.done = true -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}

    {%- do adapter.drop_relation(split_relation) -%}
    {%- do adapter.drop_relation(dirty_relation) -%}

    {%- set log_sql -%}
        {%- for row in log_rows %}
        select
            cast({{ row['refinement_round'] }} as integer) as refinement_round,
            cast({{ row['iteration'] }} as integer) as iteration,
            cast({{ row['changed_nodes'] }} as bigint) as changed_nodes,
            cast({{ row['edges_dropped'] }} as bigint) as edges_dropped,
            {{ 'true' if state.done else 'false' }} as is_guard_satisfied,
            cast('{{ invocation_id }}' as {{ dbt.type_string() }}) as run_id
        {{ 'union all' if not loop.last }}
        {%- endfor %}
    {%- endset -%}
    {%- do adapter.drop_relation(log_relation) -%}
    {%- do run_query(create_table_as(false, log_relation, log_sql)) -%}
    {{ return('') }}
{%- endmacro %}
