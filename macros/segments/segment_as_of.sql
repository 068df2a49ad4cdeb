{% macro segment_as_of(activities_relation) -%}
    {{ return(adapter.dispatch('segment_as_of')(activities_relation)) }}
{%- endmacro %}

{% macro default__segment_as_of(activities_relation) -%}
    {#- The time segments are evaluated at: var cdp_segments_as_of when set (a timestamp
        literal such as '2024-06-30 00:00:00'), otherwise the latest activity, so that the
        same data always gives the same members. -#}
    {%- set fixed = var('cdp_segments_as_of', none) -%}
    {%- if fixed -%}
        cast('{{ fixed }}' as timestamp)
    {%- else -%}
        (select max(latest_activity.occurred_at) from {{ activities_relation }} as latest_activity)
    {%- endif -%}
{%- endmacro %}
