with

source as (

    select * from {{ source('pos', 'stores') }}

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as store_id,

        ---------- strings
        nullif(trim(name), '') as store_name,
        {{ clean_display_name('city') }} as city,
        {{ normalize_postcode('postcode') }} as postcode,
        {{ normalize_country('country_code') }} as country_code,

        ---------- dates
        cast(opened_on as date) as opened_on

    from source

)

select * from renamed
