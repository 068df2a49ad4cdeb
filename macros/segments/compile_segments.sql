{% macro compile_segments(definitions, inputs) -%}
    {{ return(adapter.dispatch('compile_segments')(definitions, inputs)) }}
{%- endmacro %}

{% macro default__compile_segments(definitions, inputs) -%}
    {#- Compile the declared segments (var cdp_segments) to one select of
        (segment_name, customer_id, is_holdout, as_of_at).

        inputs:
          profile_relations: [{name, relation, columns}]  first one is the customer base
          activities:        {name, relation, columns}
          consent:           {name, relation, purpose_column, granted_condition} or none
          suppressed:        {name, relation} or none
          sql_segments:      {model name: relation}
          as_of:             SQL expression of the as-of timestamp
        columns: list of lower-case column names, or none to skip attribute validation. -#}
    {%- set state = {
        'definitions': segment_normalize_definitions(definitions),
        'inputs': inputs,
        'ctes': [],
        'segment_ctes': [],
        'done': [],
        'stack': [],
        'used_columns': {},
        'consent_purposes': []
    } -%}
    {%- for name in state.definitions -%}
        {{ segment_compile_one(name, state) }}
    {%- endfor -%}

    {%- set base = inputs.profile_relations[0] -%}
    {%- set profile_columns = [base.name ~ '.customer_id as customer_id'] -%}
    {%- set profile_joins = [] -%}
    {%- for relation in inputs.profile_relations -%}
        {%- set used = state.used_columns.get(relation.name, []) -%}
        {%- for column_name in used -%}
            {%- do profile_columns.append(relation.name ~ '.' ~ column_name ~ ' as ' ~ relation.name ~ '__' ~ column_name) -%}
        {%- endfor -%}
        {%- if not loop.first and used | length > 0 -%}
            {%- do profile_joins.append('left outer join ' ~ relation.relation ~ ' as ' ~ relation.name
                ~ ' on ' ~ relation.name ~ '.customer_id = ' ~ base.name ~ '.customer_id') -%}
        {%- endif -%}
    {%- endfor -%}

with

as_of as (

    select cast({{ inputs.as_of }} as timestamp) as as_of_at

),

profile as (

    -- the customer base with every attribute a segment uses; suppressed customers are gone
    select
        {{ profile_columns | join(',\n        ') }}
    from {{ base.relation }} as {{ base.name }}
    {{ profile_joins | join('\n    ') }}
    {%- if inputs.suppressed is not none %}
    where not exists (
        select 1
        from {{ inputs.suppressed.relation }} as suppressed
        where suppressed.customer_id = {{ base.name }}.customer_id
    )
    {%- endif %}

),

activity_events as (

    -- activities up to the as-of time only, so a later event never leaks into a window
    select activities.*
    from {{ inputs.activities.relation }} as activities
    cross join as_of
    where activities.occurred_at <= as_of.as_of_at

),
{%- for purpose in state.consent_purposes %}

consent__{{ purpose }} as (

    select distinct consent.customer_id
    from {{ inputs.consent.relation }} as consent
    where consent.{{ inputs.consent.purpose_column }} = '{{ purpose }}'
        and ({{ inputs.consent.granted_condition }})

),
{%- endfor %}
{%- for cte in state.ctes %}

{{ cte[0] }} as (

    {{ cte[1] }}

),
{%- endfor %}

members as (

    {%- for segment in state.segment_ctes %}
    select
        '{{ segment.name }}' as segment_name,
        seg_{{ segment.name }}.customer_id,
        {%- if segment.holdout_percent %}
        -- deterministic holdout: a hash of segment and customer, stable from run to run
        {{ segment_hash_bucket("'" ~ segment.name ~ ":' || seg_" ~ segment.name ~ ".customer_id") }}
            < {{ segment.holdout_percent * 100 }} as is_holdout
        {%- else %}
        false as is_holdout
        {%- endif %}
    from seg_{{ segment.name }}
    {%- if not loop.last %}

    union all
    {% endif %}
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as segment_name,
        cast(null as {{ dbt.type_string() }}) as customer_id,
        false as is_holdout
    where 1 = 0
    {%- endfor %}

),

final as (

    select
        members.segment_name,
        members.customer_id,
        members.is_holdout,
        as_of.as_of_at
    from members
    cross join as_of

)

select * from final
{%- endmacro %}


{% macro segment_compile_one(name, state) -%}
    {#- Compile one segment after the segments it refers to (depth first); a segment met again
        while its own references are being compiled is a cycle. -#}
    {%- if name in state.done -%}{{ return('') }}{%- endif -%}
    {%- if name in state.stack -%}
        {%- set path = state.stack[state.stack.index(name):] + [name] -%}
        {{ exceptions.raise_compiler_error(
            "Segment '" ~ name ~ "': circular reference between segments: " ~ path | join(' -> ')
        ) }}
    {%- endif -%}
    {%- do state.stack.append(name) -%}
    {%- set definition = state.definitions[name] -%}
    {%- set context = {'segment': name, 'joins': [], 'counter': 0} -%}
    {%- set expression = segment_condition_sql(definition.condition, context, state) -%}
    {%- set consent_checks = [] -%}
    {%- for purpose in definition.consent -%}
        {%- if state.inputs.consent is none -%}
            {{ exceptions.raise_compiler_error(
                "Segment '" ~ name ~ "': requires consent '" ~ purpose ~ "' but no consent relation is configured"
            ) }}
        {%- endif -%}
        {%- if purpose not in state.consent_purposes -%}{%- do state.consent_purposes.append(purpose) -%}{%- endif -%}
        {%- do consent_checks.append('profile.customer_id in (select consent__' ~ purpose ~ '.customer_id from consent__' ~ purpose ~ ')') -%}
    {%- endfor -%}
    {%- set sql -%}
    select profile.customer_id
    from profile
    cross join as_of
    {{ context.joins | join('\n    ') }}
    where {{ ([expression] + consent_checks) | join('\n        and ') }}
    {%- endset -%}
    {%- do state.ctes.append(['seg_' ~ name, sql | trim]) -%}
    {%- do state.segment_ctes.append(definition) -%}
    {%- do state.stack.pop() -%}
    {%- do state.done.append(name) -%}
{%- endmacro %}
