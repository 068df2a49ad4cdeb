{% macro segment_literal(value, segment_name) -%}
    {{ return(adapter.dispatch('segment_literal')(value, segment_name)) }}
{%- endmacro %}

{% macro default__segment_literal(value, segment_name) -%}
    {#- A YAML scalar as a SQL literal: booleans, numbers, everything else as quoted text
        (dates written unquoted in YAML arrive as date objects and are quoted too). -#}
    {%- if value is none -%}
        {{ exceptions.raise_compiler_error(
            "Segment '" ~ segment_name ~ "': a condition needs a value; use is_null to test for null"
        ) }}
    {%- elif value is sameas true or value is sameas false -%}
        {{ return('true' if value else 'false') }}
    {%- elif value is number -%}
        {{ return(value | string) }}
    {%- elif value is mapping or (value is iterable and value is not string) -%}
        {{ exceptions.raise_compiler_error(
            "Segment '" ~ segment_name ~ "': expected a single value, got " ~ value
        ) }}
    {%- else -%}
        {{ return("'" ~ (value | string | replace("'", "''")) ~ "'") }}
    {%- endif -%}
{%- endmacro %}
