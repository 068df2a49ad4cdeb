{% macro country_name_key(column_name) -%}
    {#- The form seed country_names lists country names in: accents removed, lower case, dots
        dropped, other runs of non-letters as one space, trimmed ('U.S.' -> 'us'). -#}
    trim({{ regex_replace(regex_replace('lower(' ~ remove_accents(column_name) ~ ')', '[.]', ''), '[^a-z]+', ' ') }})
{%- endmacro %}
