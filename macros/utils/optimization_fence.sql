{% macro optimization_fence() -%}
    {{ return(adapter.dispatch('optimization_fence')()) }}
{%- endmacro %}

{% macro default__optimization_fence() -%}
{%- endmacro %}

{% macro postgres__optimization_fence() -%}
    {#- PostgreSQL pulls simple subqueries up into their parent and substitutes each output
        expression at every place it is used. Normalization macros name intermediate values
        in nested subqueries; pulled up, a value used in forty CASE branches is copied forty
        times, and nested levels multiply the copies until planning takes minutes and
        gigabytes. OFFSET 0 keeps a subquery a subquery: each value is computed once. -#}
    offset 0
{%- endmacro %}
