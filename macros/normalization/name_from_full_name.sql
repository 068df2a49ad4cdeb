{% macro name_from_full_name(column_name, part) -%}
    {{ return(adapter.dispatch('name_from_full_name')(column_name, part)) }}
{%- endmacro %}

{% macro default__name_from_full_name(column_name, part, inline=false) -%}
    {#- First or last name from a full name typed as one string (clean_display_name first,
        so placeholders are null). 'Last, First' is read as such; otherwise a title (Mr,
        Mrs, Ms, Miss, Dr, Prof) is dropped, the first word is the first name and the rest
        the last name (Anna van der Berg -> Anna / van der Berg). A single word is a first
        name. A scalar subquery computes the name without its title once; `inline` writes
        it out where it is used instead. -#}
    {%- if part not in ('first', 'last') -%}
        {{ exceptions.raise_compiler_error("name_from_full_name: part must be 'first' or 'last'") }}
    {%- endif -%}
    {%- set without_title = regex_replace(
        clean_display_name(column_name), '^(mr|mrs|ms|miss|dr|prof)\\.?\\s+', '',
        all=false, ignore_case=true
    ) -%}
    {%- set name = without_title if inline else 'full_name_input.full_name_without_title' -%}
    {%- set picked -%}
        {%- if part == 'first' %}
            case
                when {{ name }} like '%,%'
                    then nullif(split_part(trim(split_part({{ name }}, ',', 2)), ' ', 1), '')
                else nullif(split_part({{ name }}, ' ', 1), '')
            end
        {%- else %}
            case
                when {{ name }} like '%,%'
                    then nullif(trim(split_part({{ name }}, ',', 1)), '')
                else nullif(trim({{ regex_replace(name, '^[^ ]+', '', all=false) }}), '')
            end
        {%- endif %}
    {%- endset -%}
    {%- if inline -%}
        {{ picked }}
    {%- else -%}
    (
        select
        {{- picked }}
        from (
            select
                {{ without_title }} as full_name_without_title
        ) as full_name_input
    )
    {%- endif -%}
{%- endmacro %}

{% macro spark__name_from_full_name(column_name, part) -%}
    {#- Spark cannot resolve a row's column in a subquery (the placeholder lookup of
        clean_display_name) nested in another subquery, so the steps are written inline. -#}
    {{ return(default__name_from_full_name(column_name, part, inline=true)) }}
{%- endmacro %}
