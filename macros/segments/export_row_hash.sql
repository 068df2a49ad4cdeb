{% macro export_row_hash(columns) -%}
    {{ return(adapter.dispatch('export_row_hash')(columns)) }}
{%- endmacro %}

{% macro default__export_row_hash(columns) -%}
    {#- md5 over the columns in the given order. Each value is written as 'v<length>:<text>'
        and a null as '~', so a null differs from an empty string and no two different rows
        can produce the same input by shifting text between neighbouring columns. -#}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- set as_text = "cast(" ~ column ~ " as " ~ dbt.type_string() ~ ")" -%}
        {%- do parts.append(
            "case when " ~ column ~ " is null then '~' else 'v' || cast(length(" ~ as_text
            ~ ") as " ~ dbt.type_string() ~ ") || ':' || " ~ as_text ~ " end"
        ) -%}
    {%- endfor -%}
    {{ dbt.hash(parts | join(" || '|' || ")) }}
{%- endmacro %}
