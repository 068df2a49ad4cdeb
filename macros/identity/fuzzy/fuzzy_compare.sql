{% macro fuzzy_compare(macro_name, left_alias, right_alias) -%}
    {#- Calls the comparison macro named in fuzzy_comparisons() (dbt resolves macro calls
        statically, so the names are spelled out). -#}
    {%- if macro_name == 'compare_first_names' -%}{{ compare_first_names(left_alias, right_alias) }}
    {%- elif macro_name == 'compare_last_names' -%}{{ compare_last_names(left_alias, right_alias) }}
    {%- elif macro_name == 'compare_birth_dates' -%}{{ compare_birth_dates(left_alias, right_alias) }}
    {%- elif macro_name == 'compare_emails' -%}{{ compare_emails(left_alias, right_alias) }}
    {%- elif macro_name == 'compare_phones' -%}{{ compare_phones(left_alias, right_alias) }}
    {%- elif macro_name == 'compare_addresses' -%}{{ compare_addresses(left_alias, right_alias) }}
    {%- elif macro_name == 'compare_postcodes' -%}{{ compare_postcodes(left_alias, right_alias) }}
    {%- else -%}{{ exceptions.raise_compiler_error("fuzzy_compare: unknown comparison macro '" ~ macro_name ~ "'") }}
    {%- endif -%}
{%- endmacro %}
