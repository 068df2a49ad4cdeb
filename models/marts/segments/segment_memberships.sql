{#- The declared segments (var cdp_segments) compiled to SQL by compile_segments. The vars
    are read here, in the model, so that unit tests can override them. -#}
{%- set definitions = var('cdp_segments', []) -%}
{%- set profile_relations = var(
    'cdp_segment_profile_relations', ['customers', 'customer_metrics']
) -%}
{%- set inputs = segment_inputs(
    definitions, profile_relations, var('cdp_segments_as_of', none)
) %}

with

compiled as (

    {% if execute %}
        {{ compile_segments(definitions, inputs) }}
    {% else %}
        select
            cast(null as {{ dbt.type_string() }}) as segment_name,
            cast(null as {{ dbt.type_string() }}) as customer_id,
            false as is_holdout,
            cast(null as timestamp) as as_of_at
    {% endif %}

),

final as (

    select
        {{ dbt.hash("compiled.segment_name || ':' || compiled.customer_id") }}
            as segment_member_id,
        compiled.segment_name,
        compiled.customer_id,
        compiled.is_holdout,
        compiled.as_of_at
    from compiled

)

select * from final
