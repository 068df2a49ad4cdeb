{#- One row per declared segment, for BI and for the summary: what each segment is, who owns
    it, which consent it needs and how large its holdout is. -#}
{%- set definitions = segment_normalize_definitions(var('cdp_segments', [])) -%}

with

declared as (

    {%- for definition in definitions.values() %}
    select
        '{{ definition.name }}' as segment_name,
        {{ segment_literal(definition.description, definition.name) if definition.description else 'null' }}
            as segment_description,
        {{ segment_literal(definition.owner, definition.name) if definition.owner else 'null' }}
            as segment_owner,
        '{{ 'sql' if definition.sql_model else 'declared' }}' as segment_type,
        {{ segment_literal(definition.sql_model, definition.name) if definition.sql_model else 'null' }}
            as sql_model,
        {{ segment_literal(definition.consent | join(','), definition.name) if definition.consent else 'null' }}
            as required_consent_purposes,
        {{ definition.holdout_percent }} as holdout_percent,
        {{ loop.index }} as declaration_order
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
    select
        null as segment_name,
        null as segment_description,
        null as segment_owner,
        null as segment_type,
        null as sql_model,
        null as required_consent_purposes,
        0 as holdout_percent,
        0 as declaration_order
    where 1 = 0
    {%- endfor %}

),

final as (

    select
        cast(declared.segment_name as {{ dbt.type_string() }}) as segment_name,
        cast(declared.segment_description as {{ dbt.type_string() }}) as segment_description,
        cast(declared.segment_owner as {{ dbt.type_string() }}) as segment_owner,
        cast(declared.segment_type as {{ dbt.type_string() }}) as segment_type,
        cast(declared.sql_model as {{ dbt.type_string() }}) as sql_model,
        cast(declared.required_consent_purposes as {{ dbt.type_string() }})
            as required_consent_purposes,
        cast(declared.holdout_percent as decimal(5, 2)) as holdout_percent,
        cast(declared.declaration_order as integer) as declaration_order
    from declared

)

select * from final
