{% macro explain_identity_link(source_name_a, record_id_a, source_name_b, record_id_b) -%}
    {{ return(adapter.dispatch('explain_identity_link')(source_name_a, record_id_a, source_name_b, record_id_b)) }}
{%- endmacro %}

{% macro default__explain_identity_link(source_name_a, record_id_a, source_name_b, record_id_b) -%}
    {#- For `dbt run-operation explain_identity_link --args '{source_name_a: ..., record_id_a:
        ..., source_name_b: ..., record_id_b: ...}'`: prints why two records belong to one
        customer, one line per edge of the shortest path (identity_explain_path_sql), or
        that they belong to different customers. Returns the path as a list of dicts. -#}
    {%- set path = run_query(identity_explain_path_sql(source_name_a, record_id_a, source_name_b, record_id_b)) -%}
    {%- set steps = [] -%}
    {%- for row in path.rows -%}
        {%- do steps.append(dict(zip(path.column_names, row.values()))) -%}
    {%- endfor -%}
    {%- if not steps -%}
        {%- do log(source_name_a ~ ' ' ~ record_id_a ~ ' and ' ~ source_name_b ~ ' ' ~ record_id_b
            ~ ': not one customer (or not the same record twice; see int_identity__record_map)', info=true) -%}
    {%- endif -%}
    {%- for step in steps -%}
        {%- set because -%}
            {%- if step['edge_kind'] == 'deterministic' -%}
                share {{ step['matched_by'] }} {{ step['identifier_value'] }}
            {%- elif step['edge_kind'] == 'fuzzy' -%}
                fuzzy match ({{ step['matched_by'] }}, p={{ step['match_probability'] }}, {{ step['confidence_tier'] }}): {{ step['evidence'] }}
            {%- else -%}
                always_match: {{ step['evidence'] }}
            {%- endif -%}
        {%- endset -%}
        {%- do log(step['step'] ~ '. ' ~ step['from_source_name'] ~ ' ' ~ step['from_record_id'] ~ ' -> '
            ~ step['to_source_name'] ~ ' ' ~ step['to_record_id'] ~ ': ' ~ because, info=true) -%}
    {%- endfor -%}
    {{ return(steps) }}
{%- endmacro %}
