{% macro identity_source_record_keys() -%}
    {#- The record keys present in the identity source relations, as delete_gone_keys takes
        them: source_name -> SQL selecting present_key (the union of that source_name's
        entries, each through its row filter). -#}
    {%- set present = {} -%}
    {%- for entry in identity_sources() | selectattr('identifiers') -%}
        {%- set keys_sql = 'select cast(' ~ entry['record_id'] ~ ' as ' ~ dbt.type_string()
            ~ ') as present_key from ' ~ entry['relation'] ~ ' where ' ~ entry['row_filter'] -%}
        {%- if entry['source_name'] in present -%}
            {%- do present.update({entry['source_name']:
                present[entry['source_name']] ~ ' union all ' ~ keys_sql}) -%}
        {%- else -%}
            {%- do present.update({entry['source_name']: keys_sql}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(present) }}
{%- endmacro %}
