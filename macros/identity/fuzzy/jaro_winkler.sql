{% macro jaro_winkler(left_expression, right_expression) -%}
    {{ return(adapter.dispatch('jaro_winkler')(left_expression, right_expression)) }}
{%- endmacro %}

{% macro default__jaro_winkler(left_expression, right_expression) -%}
    {#- DuckDB and Spark (3.5+) ship Jaro-Winkler (prefix scale 0.1, prefix of at most four
        characters, boost only above a Jaro similarity of 0.7). -#}
    jaro_winkler_similarity({{ left_expression }}, {{ right_expression }})
{%- endmacro %}

{% macro postgres__jaro_winkler(left_expression, right_expression) -%}
    -- PostgreSQL has no Jaro-Winkler: create_jaro_winkler_function() installs ours
    {{ target.schema }}.cdp_jaro_winkler({{ left_expression }}, {{ right_expression }})
{%- endmacro %}
