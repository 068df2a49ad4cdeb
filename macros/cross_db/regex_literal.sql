{% macro regex_literal(text) -%}
    {{ return(adapter.dispatch('regex_literal')(text)) }}
{%- endmacro %}

{% macro default__regex_literal(text) -%}
    {#- A string literal holding text exactly: DuckDB and PostgreSQL (standard conforming
        strings) read backslashes literally, so only quotes are doubled. -#}
    '{{ text | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__regex_literal(text) -%}
    {#- Spark's parser reads backslash escapes in string literals: a regex's backslashes
        are doubled so that the regex engine receives them. -#}
    '{{ text | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}
