{% macro clean_display_name(column_name) -%}
    {{ return(adapter.dispatch('clean_display_name')(column_name)) }}
{%- endmacro %}

{% macro default__clean_display_name(column_name, inline=false) -%}
    {#- Trimmed, runs of whitespace collapsed to one space, case and accents kept; null when
        blank or a placeholder (seed placeholder_values, types `text` and `name`:
        N/A, unknown, -, test...). Also used for other free text shown to people
        (street, city). A scalar subquery computes the collapsed text once; `inline`
        writes it out twice instead (engines that cannot nest the placeholder lookup). -#}
    {%- set text -%}cast({{ column_name }} as {{ dbt.type_string() }}){%- endset -%}
    {%- set collapsed -%}nullif(trim({{ regex_replace(text, '\\s+', ' ') }}), ''){%- endset -%}
    {%- set name = collapsed if inline else 'display_name_input.display_name_collapsed' -%}
    {%- set cleaned -%}
            case
                when not {{ is_placeholder('lower(' ~ name ~ ')', ['text', 'name']) }}
                    then {{ name }}
            end
    {%- endset -%}
    {%- if inline -%}
        {{ cleaned }}
    {%- else -%}
    (
        select
            {{ cleaned }}
        from (
            select {{ collapsed }} as display_name_collapsed
        ) as display_name_input
    )
    {%- endif -%}
{%- endmacro %}

{% macro spark__clean_display_name(column_name) -%}
    {#- Spark cannot resolve a row's column in a subquery (the placeholder lookup) nested in
        another subquery, so the collapsed text is written out inline. -#}
    {{ return(default__clean_display_name(column_name, inline=true)) }}
{%- endmacro %}
