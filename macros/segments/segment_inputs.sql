{% macro segment_inputs(definitions, profile_relation_names, as_of=none) -%}
    {{ return(adapter.dispatch('segment_inputs')(definitions, profile_relation_names, as_of)) }}
{%- endmacro %}

{% macro default__segment_inputs(definitions, profile_relation_names, as_of=none) -%}
    {#- The relations compile_segments reads, as refs (so lineage shows them), with their
        column names for validating definitions. Hand-written SQL segments named by a
        definition's sql_model are ref'd here too. -#}
    {%- set profile_relations = [] -%}
    {%- for name in profile_relation_names -%}
        {%- do profile_relations.append({
            'name': name, 'relation': ref(name), 'columns': segment_relation_columns(name)
        }) -%}
    {%- endfor -%}
    {%- set sql_segments = {} -%}
    {%- for definition in definitions or [] -%}
        {%- if definition is mapping and definition.get('sql_model') is string -%}
            {%- do sql_segments.update({definition.sql_model: ref(definition.sql_model)}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set activities = ref('customer_activities') -%}
    {%- set consent = segment_consent_settings() -%}
    {{ return({
        'profile_relations': profile_relations,
        'activities': {'name': 'customer_activities', 'relation': activities,
            'columns': segment_relation_columns('customer_activities')},
        'consent': {'name': 'customer_consent', 'relation': ref('customer_consent'),
            'purpose_column': consent.purpose_column, 'granted_condition': consent.granted_condition},
        'suppressed': {'name': 'int_privacy__suppressed_customers',
            'relation': ref('int_privacy__suppressed_customers')},
        'sql_segments': sql_segments,
        'as_of': segment_as_of(activities, as_of)
    }) }}
{%- endmacro %}


{% macro segment_relation_columns(model_name) -%}
    {#- Lower-case column names of a model: its documented columns (marts are contracted),
        else what the warehouse says; none when unknown (parsing), which skips validation. -#}
    {%- if not execute or graph.get('nodes') is none -%}
        {#- parsing, or a unit test (its graph is empty and its refs are fixtures) -#}
        {{ return(none) }}
    {%- endif -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.name == model_name and node.columns -%}
            {{ return(node.columns.keys() | map('lower') | list) }}
        {%- endif -%}
    {%- endfor -%}
    {%- set relation = adapter.get_relation(
        database=ref(model_name).database, schema=ref(model_name).schema, identifier=ref(model_name).identifier
    ) -%}
    {%- if relation is none -%}{{ return(none) }}{%- endif -%}
    {{ return(adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list) }}
{%- endmacro %}


{% macro segment_consent_settings() -%}
    {#- How customer_consent is read (var cdp_segment_consent): the purpose column and a SQL
        condition, over the alias `consent`, that is true for a granted row. -#}
    {%- set settings = var('cdp_segment_consent', {}) or {} -%}
    {{ return({
        'purpose_column': settings.get('purpose_column', 'purpose'),
        'granted_condition': settings.get('granted_condition', 'consent.is_granted')
    }) }}
{%- endmacro %}
