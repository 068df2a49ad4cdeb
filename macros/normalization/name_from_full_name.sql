{% macro name_from_full_name(column_name, part) -%}
    {{ return(adapter.dispatch('name_from_full_name')(column_name, part)) }}
{%- endmacro %}

{% macro default__name_from_full_name(column_name, part) -%}
    {#- First or last name from a full name typed as one string (clean_display_name first,
        so placeholders are null). 'Last, First' is read as such; otherwise a title (Mr,
        Mrs, Ms, Miss, Dr, Prof) is dropped, the first word is the first name and the rest
        the last name (Anna van der Berg -> Anna / van der Berg). A single word is a first
        name. -#}
    {%- if part not in ('first', 'last') -%}
        {{ exceptions.raise_compiler_error("name_from_full_name: part must be 'first' or 'last'") }}
    {%- endif -%}
    (
        select
        {%- if part == 'first' %}
            case
                when full_name_input.full_name_without_title like '%,%'
                    then nullif(split_part(trim(split_part(full_name_input.full_name_without_title, ',', 2)), ' ', 1), '')
                else nullif(split_part(full_name_input.full_name_without_title, ' ', 1), '')
            end
        {%- else %}
            case
                when full_name_input.full_name_without_title like '%,%'
                    then nullif(trim(split_part(full_name_input.full_name_without_title, ',', 1)), '')
                else nullif(trim(regexp_replace(full_name_input.full_name_without_title, '^[^ ]+', '')), '')
            end
        {%- endif %}
        from (
            select
                regexp_replace(
                    {{ clean_display_name(column_name) }}, '^(mr|mrs|ms|miss|dr|prof)\.?\s+', '', 'i'
                ) as full_name_without_title
        ) as full_name_input
    )
{%- endmacro %}
