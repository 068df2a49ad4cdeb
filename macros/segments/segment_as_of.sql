{% macro segment_as_of(activities_relation, as_of=none) -%}
    {{ return(adapter.dispatch('segment_as_of')(activities_relation, as_of)) }}
{%- endmacro %}

{% macro default__segment_as_of(activities_relation, as_of=none) -%}
    {#- The time segments are evaluated at: `as_of` when given (models pass var
        cdp_segments_as_of, a timestamp such as '2024-06-30 00:00:00'), otherwise the latest
        activity, so that the same data always gives the same members. -#}
    {%- if as_of -%}
        cast('{{ as_of }}' as timestamp)
    {%- else -%}
        (select max(latest_activity.occurred_at) from {{ activities_relation }} as latest_activity)
    {%- endif -%}
{%- endmacro %}
