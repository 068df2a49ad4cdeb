{% macro rejected_record_keys() -%}
    {#- The record keys present in the raw tables whose records change in place
        (rejected_value_checks entries with updated_in_place), as delete_gone_keys takes
        them: staging model name -> SQL selecting present_key. -#}
    {%- set present = {} -%}
    {%- for table in rejected_value_checks() | selectattr('updated_in_place') -%}
        {%- do present.update({table.model:
            'select ' ~ table.record_id ~ ' as present_key from ' ~ table.relation}) -%}
    {%- endfor -%}
    {{ return(present) }}
{%- endmacro %}
